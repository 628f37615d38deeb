// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;

namespace PolicyLang.Bundles.Exceptions;

/// <summary>
/// One exception from an exceptions file: the rules it covers, the objects it covers, why, and until when. A finding
/// it covers is reported as skipped with the reason, never dropped.
/// </summary>
public sealed record PolicyException
{
    /// <summary>The rules covered: ids, <c>package.rule</c> names or packages (<see cref="RuleReference"/>).</summary>
    public required IReadOnlyList<string> Rules { get; init; }

    /// <summary>Where each of <see cref="Rules"/> is written, in the same order.</summary>
    public IReadOnlyList<SourceLocation?> RuleLocations { get; init; } = [];

    /// <summary>The objects covered (kinds, namespaces, names, labels); everything when empty.</summary>
    public RuleScope Match { get; init; } = RuleScope.Everything;

    public required string Reason { get; init; }

    /// <summary>The instant the exception stops applying, or null when it does not expire.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The expiry as written (<c>2026-03-31</c>), for messages.</summary>
    public string? ExpiresText { get; init; }

    /// <summary>Where the exception is written.</summary>
    public required SourceLocation Location { get; init; }

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } end && now >= end;

    /// <summary>The reason a finding it covers is skipped with: the reason and the place of the exception.</summary>
    public string SkipReason => string.Create(CultureInfo.InvariantCulture, $"{Reason} (exception at {Location})");

    public bool Covers(string id, string policy, string rule) => Rules.Any(r => RuleReference.Matches(r, id, policy, rule));
}
