// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Runtime.Loader;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Bundles.Loading;

/// <summary>A policy set ready to evaluate: the loaded rules, the engine options and enforcement its bindings give.</summary>
public sealed class LoadedPolicies
{
    private readonly Dictionary<string, Enforcement> _byRule;
    private readonly Dictionary<string, Enforcement> _byPolicy;

    internal LoadedPolicies(CompiledPolicySet policies, PolicyBindings bindings, string origin, string digest)
    {
        Policies = policies;
        Bindings = bindings;
        Origin = origin;
        Digest = digest;
        var overrides = new Dictionary<string, Runtime.Scopes.RuleScope>(StringComparer.Ordinal);
        _byRule = new Dictionary<string, Enforcement>(StringComparer.Ordinal);
        _byPolicy = new Dictionary<string, Enforcement>(StringComparer.Ordinal);
        foreach (var binding in bindings.Bindings)
        {
            if (binding.Scope is { } scope)
            {
                overrides[binding.Target] = scope;
            }

            if (binding.Enforcement is { } enforcement)
            {
                (binding.Rule is null ? _byPolicy : _byRule)[binding.Target] = enforcement;
            }
        }

        EngineOptions = new EngineOptions { ScopeOverrides = overrides };
    }

    public CompiledPolicySet Policies { get; }

    public PolicyBindings Bindings { get; }

    /// <summary>The options an engine over these policies needs (the bindings' scopes).</summary>
    public EngineOptions EngineOptions { get; }

    /// <summary>Where the policies came from (a bundle file, source directories).</summary>
    public string Origin { get; }

    /// <summary>Identifies the content loaded (the bundle's SHA-256, or the sources' content hash).</summary>
    public string Digest { get; }

    public int PolicyCount => Policies.Manifest.Policies.Count;

    public int RuleCount => Policies.Rules.Count;

    /// <summary>The enforcement of a rule: its own binding, else its policy's, else deny (actions as written).</summary>
    public Enforcement EnforcementOf(RuleDescriptor rule) =>
        _byRule.TryGetValue(rule.Id, out var byRule) ? byRule
        : _byPolicy.TryGetValue(rule.Policy, out var byPolicy) ? byPolicy
        : Enforcement.Deny;

    /// <summary>Lets the policy assembly be unloaded once nothing uses it any more (requests still running keep it alive).</summary>
    public void Unload()
    {
        if (AssemblyLoadContext.GetLoadContext(Policies.Assembly) is { IsCollectible: true } context)
        {
            context.Unload();
        }
    }
}
