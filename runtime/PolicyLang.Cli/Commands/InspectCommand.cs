// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using System.Text;
using PolicyLang.Bundles;
using PolicyLang.Bundles.Format;
using PolicyLang.Runtime.Scopes;

namespace PolicyLang.Cli.Commands;

/// <summary><c>policylang inspect BUNDLE [-o text|json]</c>: prints a bundle's manifest (nothing is verified or loaded).</summary>
internal static class InspectCommand
{
    public static Command Create()
    {
        var bundle = new Argument<string>("bundle") { Description = "The bundle file." };
        var output = new Option<string>("--output", "-o") { Description = "Output format: text or json (the manifest as stored).", DefaultValueFactory = _ => "text" };
        var command = new Command("inspect", "Print a bundle's manifest: versions, assembly hash, signing key, bindings, policies, rules, parameters and source hashes.");
        command.Arguments.Add(bundle);
        command.Options.Add(output);
        command.SetAction(parsed => Run(parsed.GetValue(bundle) ?? string.Empty, parsed.GetValue(output) ?? "text", Console.Out, Console.Error));
        return command;
    }

    public static int Run(string path, string format, TextWriter stdout, TextWriter stderr)
    {
        if (format is not ("text" or "json"))
        {
            stderr.WriteLine($"policylang: --output {format}: expected text or json");
            return ExitCodes.Error;
        }

        BundleManifest manifest;
        BundleSignature? signature;
        try
        {
            (manifest, signature) = BundleReader.ReadUnchecked(File.ReadAllBytes(path), path);
        }
        catch (BundleException e)
        {
            stderr.WriteLine("policylang: " + e.Message);
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"policylang: {path}: cannot read: {e.Message}");
            return ExitCodes.Error;
        }

        if (format == "json")
        {
            stdout.WriteLine(Encoding.UTF8.GetString(manifest.ToJsonBytes()));
            return ExitCodes.Success;
        }

        stdout.WriteLine($"bundle:     {path}");
        stdout.WriteLine($"format:     {manifest.FormatVersion}");
        stdout.WriteLine($"compiler:   {manifest.CompilerVersion}");
        stdout.WriteLine($"runtime:    {manifest.RuntimeVersion}");
        stdout.WriteLine($"created:    {manifest.Created:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        stdout.WriteLine($"assembly:   {manifest.Assembly.Entry}, {manifest.Assembly.Size} bytes, sha256 {manifest.Assembly.Sha256}");
        stdout.WriteLine($"signature:  {(signature is null ? "none (unsigned)" : $"{signature.Algorithm}, key {signature.KeyId} (not verified: use verify-bundle)")}");
        stdout.WriteLine($"policies:   {manifest.Policies.Count}, rules: {manifest.RuleCount}");
        if (manifest.Bindings.Parameters.Count > 0 || manifest.Bindings.Bindings.Count > 0)
        {
            stdout.WriteLine("bindings:");
            foreach (var (name, value) in manifest.Bindings.Parameters)
            {
                stdout.WriteLine($"  param {name} = {value}");
            }

            foreach (var binding in manifest.Bindings.Bindings)
            {
                var enforcement = binding.Enforcement is { } e ? e.ToString().ToLowerInvariant() : "as written";
                stdout.WriteLine($"  {(binding.Rule is null ? "policy" : "rule")} {binding.Target}: enforcement {enforcement}{(binding.Scope is { } scope ? ", " + Describe(scope) : string.Empty)}");
            }
        }

        foreach (var policy in manifest.Policies)
        {
            stdout.WriteLine();
            stdout.WriteLine($"policy {policy.Name}{(policy.Title is null ? string.Empty : " — " + policy.Title)}");
            foreach (var parameter in policy.Parameters)
            {
                stdout.WriteLine($"  param {parameter.Name}: {parameter.Type}{(parameter.DefaultText is null ? string.Empty : " = " + parameter.DefaultText)}");
            }

            foreach (var rule in policy.Rules)
            {
                var actions = string.Join("/", rule.Actions.Select(a => a.ToString().ToLowerInvariant()));
                var scope = rule.Scope.IsEverything ? string.Empty : ", " + Describe(rule.Scope);
                stdout.WriteLine($"  rule {rule.Id} ({rule.Name}) on {rule.Subject.ToString().ToLowerInvariant()}: {rule.Severity.ToString().ToLowerInvariant()}, {actions}{scope}");
            }

            foreach (var source in policy.Sources)
            {
                stdout.WriteLine($"  source {source.File} sha256 {source.Sha256}");
            }
        }

        return ExitCodes.Success;
    }

    private static string Describe(RuleScope scope)
    {
        var parts = new List<string>();
        void Add(string name, IReadOnlyList<string> values)
        {
            if (values.Count > 0)
            {
                parts.Add($"{name} [{string.Join(", ", values)}]");
            }
        }

        Add("kinds", scope.Kinds);
        Add("namespaces", scope.Namespaces);
        Add("names", scope.Names);
        Add("operations", scope.Operations);
        if (scope.Labels is not null)
        {
            parts.Add($"labels \"{scope.Labels}\"");
        }

        Add("exclude kinds", scope.ExcludeKinds);
        Add("exclude namespaces", scope.ExcludeNamespaces);
        Add("exclude names", scope.ExcludeNames);
        Add("exclude operations", scope.ExcludeOperations);
        if (scope.ExcludeLabels is not null)
        {
            parts.Add($"exclude labels \"{scope.ExcludeLabels}\"");
        }

        return string.Join(", ", parts);
    }
}
