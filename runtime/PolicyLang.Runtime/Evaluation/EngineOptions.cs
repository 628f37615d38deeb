// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Scopes;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>How the engine selects and scopes rules.</summary>
public sealed record EngineOptions
{
    public static readonly EngineOptions Default = new();

    /// <summary>Rules to run (null: all). Applied once when the engine is built.</summary>
    public Func<RuleDescriptor, bool>? RuleFilter { get; init; }

    /// <summary>Extra scopes per policy or rule id (bindings), narrowing the rule's own scope.</summary>
    public IReadOnlyDictionary<string, RuleScope> ScopeOverrides { get; init; } = new Dictionary<string, RuleScope>();

    /// <summary>The evaluation clock (defaults to the current UTC time when the engine evaluates).</summary>
    public Func<DateTimeOffset> Clock { get; init; } = static () => DateTimeOffset.UtcNow;
}
