// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Scopes;

namespace PolicyLang.Bundles.Bindings;

/// <summary>One binding: a policy (package) or one rule (by id), with its enforcement and an extra scope.</summary>
public sealed record PolicyBinding
{
    /// <summary>The package the binding is about (or null when it names a rule).</summary>
    public string? Policy { get; init; }

    /// <summary>The id of the rule the binding is about (or null when it names a policy).</summary>
    public string? Rule { get; init; }

    /// <summary>The enforcement, or null to keep the actions as written.</summary>
    public Enforcement? Enforcement { get; init; }

    /// <summary>A scope that narrows the rules' own (<c>match</c> and <c>exclude</c>), or null.</summary>
    public RuleScope? Scope { get; init; }

    /// <summary>Where the binding was written (<c>file:line:col</c>), for messages.</summary>
    public string? Origin { get; init; }

    /// <summary>The policy or rule id the binding applies to.</summary>
    public string Target => Rule ?? Policy ?? string.Empty;
}

/// <summary>
/// The bindings of a bundle or a host: parameter values (as text a parameter of its type accepts: JSON for lists and
/// maps) and policy bindings.
/// </summary>
public sealed record PolicyBindings
{
    public static readonly PolicyBindings None = new();

    /// <summary>Parameter values by <c>name</c> or <c>package.name</c>.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<PolicyBinding> Bindings { get; init; } = [];

    /// <summary>These bindings with <paramref name="other"/>'s laid over them: its parameters win, its bindings replace those of the same target.</summary>
    public PolicyBindings Overlay(PolicyBindings other)
    {
        var parameters = new Dictionary<string, string>(Parameters, StringComparer.Ordinal);
        foreach (var (name, value) in other.Parameters)
        {
            parameters[name] = value;
        }

        var replaced = other.Bindings.Select(b => b.Target).ToHashSet(StringComparer.Ordinal);
        return new PolicyBindings
        {
            Parameters = parameters,
            Bindings = [.. Bindings.Where(b => !replaced.Contains(b.Target)), .. other.Bindings],
        };
    }
}
