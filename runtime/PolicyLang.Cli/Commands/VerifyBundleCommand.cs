// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Bundles;
using PolicyLang.Bundles.Format;
using PolicyLang.Bundles.Loading;
using PolicyLang.Bundles.Signing;

namespace PolicyLang.Cli.Commands;

/// <summary><c>policylang verify-bundle BUNDLE --key PUB</c>: checks a bundle exactly as a host configured with that key would.</summary>
internal static class VerifyBundleCommand
{
    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "The bundle file." };
        var key = new Option<string>("--key") { Description = "The public key (policylang keygen's NAME.pub) the bundle must be signed with.", Required = true };
        var command = new Command("verify-bundle", "Verify a bundle's signature, integrity and compiler compatibility, and that it loads. Exit 0 when it does, 1 when a host would refuse it.");
        command.Arguments.Add(bundle);
        command.Options.Add(key);
        command.SetAction(parsed => Run(parsed.GetValue(bundle) ?? string.Empty, parsed.GetValue(key) ?? string.Empty, Console.Out, Console.Error));
        return command;
    }

    public static int Run(string bundlePath, string keyPath, TextWriter stdout, TextWriter stderr)
    {
        VerificationKey key;
        try
        {
            key = VerificationKey.Load(keyPath);
        }
        catch (BundleException e)
        {
            stderr.WriteLine("policylang: " + e.Message);
            return ExitCodes.Error;
        }

        using (key)
        {
            try
            {
                var bundle = BundleReader.ReadFile(bundlePath, key);
                var loaded = BundleLoader.Load(bundle, bundlePath);
                loaded.Unload();
                stdout.WriteLine($"{bundlePath}: ok: signed with key {key.KeyId}, bundle format {bundle.Manifest.FormatVersion}, compiler {BundleFormat.ProductVersion(bundle.Manifest.CompilerVersion)}, {loaded.PolicyCount} policies, {loaded.RuleCount} rules, sha256 {bundle.Digest}");
                return ExitCodes.Success;
            }
            catch (BundleException e)
            {
                stderr.WriteLine("policylang: " + e.Message);
                return ExitCodes.PolicyFailure;
            }
        }
    }
}
