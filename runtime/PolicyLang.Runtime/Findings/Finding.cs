// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Findings;

/// <summary>One result of one rule on one subject.</summary>
public sealed record Finding
{
    /// <summary>The policy (package) that holds the rule.</summary>
    public required string Policy { get; init; }

    /// <summary>The rule's name within its package.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule's stable id (from <c>@id</c>, else <c>package.rule</c>).</summary>
    public required string Id { get; init; }

    public required Severity Severity { get; init; }

    public required FindingAction Action { get; init; }

    public required string Message { get; init; }

    /// <summary>JSON pointer of the offending field within the subject's document, e.g. <c>/spec/containers/0/securityContext/privileged</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Where the offending field (or its nearest existing ancestor) is in the input file.</summary>
    public SourceLocation? Location { get; init; }

    /// <summary>Set when an exception applied: the finding is reported as skipped, with this reason.</summary>
    public string? SkippedReason { get; init; }

    /// <summary>For mutate findings: the JSON patch operation(s) it contributes.</summary>
    public IReadOnlyList<PatchOperation>? Patch { get; init; }

    public bool IsSkipped => SkippedReason is not null;
}

/// <summary>One RFC 6902 JSON patch operation produced by a mutate rule.</summary>
public sealed record PatchOperation(string Op, string Path, object? Value);
