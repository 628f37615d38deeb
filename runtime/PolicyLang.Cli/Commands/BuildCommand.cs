// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Bundles;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Format;
using PolicyLang.Bundles.Loading;
using PolicyLang.Bundles.Signing;
using PolicyLang.Cli.Loading;

namespace PolicyLang.Cli.Commands;

/// <summary><c>policylang build -p POLICIES [--bindings F] [--param k=v] [--sign-key KEY] -o FILE</c>: a compiled bundle.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var policies = new Option<string[]>("--policy", "-p") { Description = "Policy files or directories (repeatable).", Required = true };
        var bindings = new Option<string?>("--bindings") { Description = "A bindings file (parameters, enforcement and scopes per policy or rule) to carry in the bundle." };
        var parameters = new Option<string[]>("--param") { Description = "Set a policy parameter: name=value or package.name=value (repeatable; wins over the bindings file)." };
        var signKey = new Option<string?>("--sign-key") { Description = "Sign the bundle with this ECDSA P-256 private key (policylang keygen)." };
        var output = new Option<string>("--output", "-o") { Description = "The bundle file to write.", Required = true };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the compile cache." };
        var command = new Command("build", "Compile policies into a bundle: the policy assembly, a manifest (versions, policies, rules, parameters, bindings, source hashes) and an optional signature.");
        foreach (var option in new Option[] { policies, bindings, parameters, signKey, output, noCache })
        {
            command.Options.Add(option);
        }

        command.SetAction(parsed => Run(
            parsed.GetValue(policies) ?? [],
            parsed.GetValue(bindings),
            parsed.GetValue(parameters) ?? [],
            parsed.GetValue(signKey),
            parsed.GetValue(output) ?? "policies.bundle",
            parsed.GetValue(noCache),
            DateTimeOffset.UtcNow,
            Console.Out,
            Console.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> policyPaths, string? bindingsPath, IReadOnlyList<string> parameters, string? signKeyPath, string output, bool noCache, DateTimeOffset now, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            // Problems with the key or bindings are cheaper to report before compiling.
            using var key = signKeyPath is null ? null : SigningKey.Load(signKeyPath);
            var bindings = bindingsPath is null ? PolicyBindings.None : BindingsReader.ReadFile(bindingsPath);
            var settings = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var setting in parameters)
            {
                var equals = setting.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    stderr.WriteLine($"policylang: --param {setting}: expected name=value");
                    return ExitCodes.Error;
                }

                settings[setting[..equals].Trim()] = setting[(equals + 1)..];
            }

            bindings = bindings.Overlay(new PolicyBindings { Parameters = settings });
            var compiled = PolicyCompiler.Compile(policyPaths, noCache ? null : DiskCompileCache.Default(), stderr);
            if (compiled is null)
            {
                return ExitCodes.Error;
            }

            var errors = BundleLoader.Check(compiled.Manifest, bindings);
            BundleLoader.BindParameters(compiled.Manifest, bindings.Parameters, errors);
            if (errors.Count > 0)
            {
                foreach (var error in errors)
                {
                    stderr.WriteLine("policylang: " + error);
                }

                return ExitCodes.Error;
            }

            var bytes = BundleWriter.Write(compiled.Image, compiled.Manifest, bindings, key, now);
            var directory = Path.GetDirectoryName(Path.GetFullPath(output));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            // Written beside and renamed, so a host watching the file never sees half a bundle.
            var temporary = output + ".tmp";
            File.WriteAllBytes(temporary, bytes);
            File.Move(temporary, output, overwrite: true);
            var bundle = BundleReader.Read(bytes, output, null);
            stdout.WriteLine($"wrote {output}: {bundle.Manifest.Policies.Count} policies, {bundle.Manifest.RuleCount} rules, {(key is null ? "unsigned" : "signed with key " + key.KeyId)}, sha256 {bundle.Digest}");
            return ExitCodes.Success;
        }
        catch (BundleException e)
        {
            stderr.WriteLine("policylang: " + e.Message);
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"policylang: cannot write {output}: {e.Message}");
            return ExitCodes.Error;
        }
    }
}
