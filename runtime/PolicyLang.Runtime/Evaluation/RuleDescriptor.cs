// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>Everything known about a rule apart from its code: identity, metadata, scope and source.</summary>
public sealed record RuleDescriptor
{
    /// <summary>The package that holds the rule.</summary>
    public required string Policy { get; init; }

    /// <summary>The rule's name within its package.</summary>
    public required string Name { get; init; }

    /// <summary>The stable id: <c>@id(...)</c>, or <c>package.name</c>.</summary>
    public required string Id { get; init; }

    public string? Title { get; init; }

    /// <summary>The doc comment (<c>///</c>) of the rule.</summary>
    public string? Description { get; init; }

    public Severity Severity { get; init; } = Severity.Medium;

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Remediation { get; init; }

    /// <summary>
    /// The ids of the rules this rule replaces (<c>@overrides</c>): on a subject where this rule applies (its scope
    /// matches and its <c>when</c> clauses hold), their findings are dropped.
    /// </summary>
    public IReadOnlyList<string> Overrides { get; init; } = [];

    public required SubjectKind Subject { get; init; }

    /// <summary>For manifest rules typed to one kind: the kind (e.g. <c>Deployment</c>).</summary>
    public string? TypedKind { get; init; }

    public RuleScope Scope { get; init; } = RuleScope.Everything;

    /// <summary>The actions the rule's statements can take.</summary>
    public IReadOnlyList<FindingAction> Actions { get; init; } = [];

    /// <summary>True when the rule reads the inventory (cross-object rule): all inputs must be read first.</summary>
    public bool UsesInventory { get; init; }

    /// <summary>
    /// For event rules: the event types (<c>e.type</c>) on which the rule can report or fail, proven by the compiler
    /// from its <c>when</c> clauses; on other types it is skipped (the engine indexes rules by type). Null (absent from
    /// older manifests): every type.
    /// </summary>
    public IReadOnlyList<string>? EventTypes { get; init; }

    /// <summary>The generated method that implements the rule.</summary>
    public required string Method { get; init; }

    public string? SourceFile { get; init; }

    public int Line { get; init; }

    public int Column { get; init; }
}
