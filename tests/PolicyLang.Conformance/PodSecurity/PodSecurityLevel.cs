// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Conformance.PodSecurity;

/// <summary>How the rules run: the Roslyn-compiled delegates, or the compiler's reference interpreter.</summary>
public enum Backend
{
    Compiled,
    Interpreter,
}

/// <summary>
/// One Pod Security level of the standard library, compiled once: the baseline folder alone is the baseline level,
/// both folders the restricted level. Engines per version set the <c>version</c> parameter as
/// <c>--param version=v1.&lt;minor&gt;</c> does (every loaded parameter of that name).
/// </summary>
internal sealed class PodSecurityLevel
{
    private static readonly ConcurrentDictionary<string, Lazy<PodSecurityLevel>> Levels = new(StringComparer.Ordinal);

    private readonly Compilation _compilation;
    private readonly Assembly _assembly;
    private readonly Dictionary<string, IReadOnlySet<string>> _checksByRule;
    private readonly ConcurrentDictionary<(Backend, string), PolicyEngine> _engines = new();

    private PodSecurityLevel(string level)
    {
        var folders = level == "baseline" ? ["baseline"] : new[] { "baseline", "restricted" };
        var sources = folders
            .SelectMany(f => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Stdlib, "kubernetes", "pod-security", f), "*.policy", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(path => new SourceText(Path.GetRelativePath(RepositoryPaths.Root, path), File.ReadAllText(path)))
            .ToArray();
        _compilation = Compilation.Create(sources);
        var emitted = _compilation.Emit();
        if (!emitted.Success || emitted.Image is null || emitted.Manifest is null)
        {
            throw new InvalidOperationException($"the {level} policies do not compile:\n{string.Join('\n', emitted.Diagnostics)}");
        }

        Manifest = emitted.Manifest;
        using var stream = new MemoryStream(emitted.Image, writable: false);
        _assembly = new AssemblyLoadContext($"pod-security-{level}", isCollectible: true).LoadFromStream(stream);
        var rules = Manifest.Policies.SelectMany(p => p.Rules).ToArray();
        var ownChecks = rules.ToDictionary(r => r.Id, OwnChecks, StringComparer.Ordinal);
        _checksByRule = rules.ToDictionary(
            r => r.Id,
            r => (IReadOnlySet<string>)ownChecks[r.Id].Concat(r.Overrides.SelectMany(o => ownChecks.GetValueOrDefault(o) ?? new HashSet<string>())).ToHashSet(StringComparer.OrdinalIgnoreCase),
            StringComparer.Ordinal);
    }

    public PolicyAssemblyManifest Manifest { get; }

    public static PodSecurityLevel Get(string level) => Levels.GetOrAdd(level, l => new Lazy<PodSecurityLevel>(() => new PodSecurityLevel(l))).Value;

    /// <summary>
    /// The upstream checks a rule's deny stands for: its own <c>pss-check:&lt;id&gt;</c> tags and those of the rules it
    /// overrides (at the restricted level, restricted capabilities replace baseline capabilities, so its deny is the
    /// verdict of a capabilities_baseline fixture too).
    /// </summary>
    public IReadOnlySet<string> ChecksOf(string ruleId) => _checksByRule.GetValueOrDefault(ruleId) ?? new HashSet<string>();

    public PolicyEngine EngineAt(Backend backend, string version) => _engines.GetOrAdd((backend, version), key =>
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var parameter in Manifest.Policies.SelectMany(p => p.Parameters).Where(p => p.Name == "version"))
        {
            parameters[$"{parameter.Policy}.{parameter.Name}"] = key.Item2;
        }

        if (parameters.Count == 0)
        {
            throw new InvalidOperationException("no loaded policy declares a 'version' parameter");
        }

        var values = new ParameterValues(parameters);
        var set = key.Item1 == Backend.Compiled
            ? CompiledPolicySet.Load(_assembly, values)
            : ReferenceInterpreter.Create(_compilation, values).ToPolicySet();
        return new PolicyEngine(set);
    });

    private static HashSet<string> OwnChecks(RuleDescriptor rule) =>
        rule.Tags.Where(t => t.StartsWith("pss-check:", StringComparison.Ordinal)).Select(t => t["pss-check:".Length..]).ToHashSet(StringComparer.OrdinalIgnoreCase);
}
