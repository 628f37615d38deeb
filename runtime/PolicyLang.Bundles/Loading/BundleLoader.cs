// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Format;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Bundles.Loading;

/// <summary>Loads policy assemblies with their bindings, without the compiler.</summary>
public static class BundleLoader
{
    /// <summary>Loads a checked bundle; <paramref name="overlay"/> (a host's own bindings) is laid over the bundle's.</summary>
    /// <exception cref="BundleException">The bindings do not fit the policies, or the assembly cannot be loaded.</exception>
    public static LoadedPolicies Load(PolicyBundle bundle, string origin, PolicyBindings? overlay = null)
    {
        var bindings = overlay is null ? bundle.Manifest.Bindings : bundle.Manifest.Bindings.Overlay(overlay);
        var manifest = new PolicyAssemblyManifest { CompilerVersion = bundle.Manifest.CompilerVersion, Policies = bundle.Manifest.Policies };
        return Load(bundle.Image, manifest, bindings, origin, bundle.Digest);
    }

    /// <summary>Loads an emitted assembly (from a bundle or a compilation) with bindings.</summary>
    /// <exception cref="BundleException">The bindings do not fit the policies, or the assembly cannot be loaded.</exception>
    public static LoadedPolicies Load(byte[] image, PolicyAssemblyManifest manifest, PolicyBindings bindings, string origin, string digest)
    {
        var errors = Check(manifest, bindings);
        var parameters = BindParameters(manifest, bindings.Parameters, errors);
        if (errors.Count > 0)
        {
            throw new BundleException($"{origin}: the bindings do not fit the policies:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", errors)}");
        }

        try
        {
            return new LoadedPolicies(CompiledPolicySet.Load(image, parameters), bindings, origin, digest);
        }
        catch (TargetInvocationException e)
        {
            throw new BundleException($"{origin}: the policies could not be initialised: {e.InnerException?.Message ?? e.Message}", e);
        }
        catch (Exception e) when (e is InvalidDataException or BadImageFormatException or FileLoadException or TypeLoadException or MissingMethodException)
        {
            throw new BundleException($"{origin}: the policy assembly cannot be loaded: {e.Message}", e);
        }
    }

    /// <summary>The problems of bindings against the policies they bind: unknown policies, rules and parameters.</summary>
    public static List<string> Check(PolicyAssemblyManifest manifest, PolicyBindings bindings)
    {
        var errors = new List<string>();
        var policies = manifest.Policies.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        var rules = manifest.Policies.SelectMany(p => p.Rules).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var binding in bindings.Bindings)
        {
            var at = binding.Origin is null ? string.Empty : binding.Origin + ": ";
            if (binding.Policy is { } policy && !policies.Contains(policy))
            {
                errors.Add($"{at}no loaded policy is named '{policy}'{Suggest(policy, policies)}");
            }

            if (binding.Rule is { } rule && !rules.Contains(rule))
            {
                errors.Add($"{at}no loaded rule has the id '{rule}'{Suggest(rule, rules)}");
            }
        }

        return errors;
    }

    /// <summary>Converts parameter values (by <c>name</c> or <c>package.name</c>) to typed values, checking each against the declared parameters.</summary>
    public static ParameterValues BindParameters(PolicyAssemblyManifest manifest, IReadOnlyDictionary<string, string> settings, List<string> errors)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var declared = manifest.Policies.SelectMany(p => p.Parameters).ToArray();
        foreach (var (name, text) in settings)
        {
            var matches = declared.Where(p => p.Name == name || $"{p.Policy}.{p.Name}" == name).ToArray();
            if (matches.Length == 0)
            {
                errors.Add($"parameter {name}: no loaded policy declares it{Suggest(name, declared.Select(p => $"{p.Policy}.{p.Name}"))}");
                continue;
            }

            foreach (var parameter in matches)
            {
                try
                {
                    values[$"{parameter.Policy}.{parameter.Name}"] = ParameterValues.Convert(parameter.Type, text);
                }
                catch (FormatException e)
                {
                    errors.Add($"parameter {name}: {e.Message} (parameter {parameter.Policy}.{parameter.Name} has type {parameter.Type})");
                }
            }
        }

        return new ParameterValues(values);
    }

    /// <summary>"; did you mean 'x'?" for the closest candidate, or empty when none is close.</summary>
    internal static string Suggest(string name, IEnumerable<string> candidates) => Suggestions.DidYouMean(name, candidates);
}
