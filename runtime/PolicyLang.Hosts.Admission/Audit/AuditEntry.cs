// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Findings;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>A cluster object the audit judged (what a report result refers to).</summary>
public sealed record AuditedObject(string ApiVersion, string Kind, string? Namespace, string Name, string? Uid);

/// <summary>
/// One result of the audit: a rule's finding on an object, as a PolicyReport result (<c>fail</c>, <c>warn</c>,
/// <c>error</c> or <c>skip</c>; passes are only counted).
/// </summary>
public sealed record AuditEntry
{
    public required AuditedObject Object { get; init; }

    /// <summary>fail (deny), warn (warn, audit), error (the rule failed on the object), skip (an exception applied).</summary>
    public required string Result { get; init; }

    public required string Policy { get; init; }

    /// <summary>The rule's id.</summary>
    public required string Rule { get; init; }

    public required string Message { get; init; }

    public Severity? Severity { get; init; }

    /// <summary>Extra facts (JSON pointer of the field, action as written, enforcement, skip reason).</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}

/// <summary>The audit's results for one namespace (or, with the empty name, for cluster-scoped objects).</summary>
public sealed class NamespaceAudit
{
    public List<AuditEntry> Entries { get; } = [];

    /// <summary>Rule and object pairs that passed (the rule applied and found nothing).</summary>
    public int Pass { get; set; }

    public int Count(string result) => Entries.Count(e => e.Result == result);
}

/// <summary>Everything one audit found, by namespace ("" for cluster-scoped objects).</summary>
public sealed record AuditResult(IReadOnlyDictionary<string, NamespaceAudit> Namespaces, int ObjectCount)
{
    public int Count(string result) => Namespaces.Values.Sum(n => n.Count(result));

    public int Pass => Namespaces.Values.Sum(n => n.Pass);
}
