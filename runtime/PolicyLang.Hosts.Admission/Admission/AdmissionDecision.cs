// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Hosts.Admission.Admission;

/// <summary>The answer to one review, before it is written as an AdmissionReview response.</summary>
public sealed record AdmissionDecision
{
    public required string Uid { get; init; }

    public required bool Allowed { get; init; }

    /// <summary>The status message of a denial (every violated rule: id, message, path).</summary>
    public string? Message { get; init; }

    /// <summary>The HTTP-like status code of a denial (403 for policy denials, 500 for fail-closed errors).</summary>
    public int Code { get; init; } = 403;

    public IReadOnlyList<string> Warnings { get; init; } = [];

    public IReadOnlyDictionary<string, string> AuditAnnotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The JSON patch (RFC 6902) as UTF-8 JSON, or null when nothing changes.</summary>
    public byte[]? Patch { get; init; }

    /// <summary>For logs and metrics: allowed, denied, warned, mutated, excluded, failed_open, failed_closed.</summary>
    public required string Outcome { get; init; }

    /// <summary>The rules that contributed (ids), for the decision log.</summary>
    public IReadOnlyList<string> Rules { get; init; } = [];
}
