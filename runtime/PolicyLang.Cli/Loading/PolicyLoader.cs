// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Cli.Loading;

/// <summary>Turns policy paths and parameter settings into a loaded policy set: read, compile (or load from the cache), bind parameters.</summary>
internal static class PolicyLoader
{
    public static PolicyLoadResult Load(IReadOnlyList<string> policyPaths, IReadOnlyList<string> parameterSettings, ICompileCache? cache)
    {
        var (sources, readErrors) = PolicySources.Read(policyPaths, PhysicalFileSystem.Instance);
        var errors = new List<string>(readErrors);
        if (sources.Count == 0 && errors.Count == 0)
        {
            errors.Add($"no .policy files found in {string.Join(", ", policyPaths)}");
        }

        if (errors.Count > 0)
        {
            return new PolicyLoadResult(null, null, [], errors);
        }

        var compilation = Compilation.Create(sources);
        var emitted = compilation.Emit(cache);
        if (!emitted.Success || emitted.Image is null || emitted.Manifest is null)
        {
            return new PolicyLoadResult(null, compilation, emitted.Diagnostics, []);
        }

        var parameters = BindParameters(emitted.Manifest, parameterSettings, errors);
        if (errors.Count > 0)
        {
            return new PolicyLoadResult(null, compilation, emitted.Diagnostics, errors);
        }

        try
        {
            return new PolicyLoadResult(CompiledPolicySet.Load(emitted.Image, parameters), compilation, emitted.Diagnostics, []);
        }
        catch (System.Reflection.TargetInvocationException e)
        {
            return new PolicyLoadResult(null, compilation, emitted.Diagnostics, [$"the policies could not be initialised: {e.InnerException?.Message ?? e.Message}"]);
        }
    }

    /// <summary>Converts <c>name=value</c> and <c>package.name=value</c> settings to typed values, checking each against the declared parameters.</summary>
    public static ParameterValues BindParameters(PolicyAssemblyManifest manifest, IReadOnlyList<string> settings, List<string> errors)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var declared = manifest.Policies.SelectMany(p => p.Parameters).ToArray();
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                errors.Add($"--param {setting}: expected name=value");
                continue;
            }

            var name = setting[..equals].Trim();
            var text = setting[(equals + 1)..];
            var matches = declared.Where(p => p.Name == name || $"{p.Policy}.{p.Name}" == name).ToArray();
            if (matches.Length == 0)
            {
                var suggestion = Suggestions.Closest(name, declared.Select(p => p.Name).Concat(declared.Select(p => $"{p.Policy}.{p.Name}")));
                errors.Add($"--param {name}: no loaded policy declares this parameter{(suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")}");
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
                    errors.Add($"--param {name}: {e.Message} (parameter {parameter.Policy}.{parameter.Name} has type {parameter.Type})");
                }
            }
        }

        return new ParameterValues(values);
    }
}

/// <summary>The outcome of loading policies: the set (when everything worked), the compilation, its diagnostics, other errors.</summary>
internal sealed record PolicyLoadResult(CompiledPolicySet? Policies, Compilation? Compilation, IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string> Errors)
{
    public bool Success => Policies is not null;
}
