// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Bundles.Exceptions;

/// <summary>
/// Exceptions written on the object itself: <c>metadata.annotations["policylang.io/skip"]</c> lists rules (ids,
/// <c>package.rule</c> names or packages, separated by commas) whose findings on this object are skipped, with
/// <c>policylang.io/skip-reason</c> saying why.
/// </summary>
public static class SkipAnnotations
{
    public const string Skip = "policylang.io/skip";

    public const string SkipReason = "policylang.io/skip-reason";

    private const string Suffix = " (annotation " + Skip + ")";

    /// <summary>Reads the annotations of an object's document; null when it has no skip annotation.</summary>
    /// <param name="root">The object's document (its root map).</param>
    /// <param name="file">The file the document is in, for locations.</param>
    public static SkipAnnotation? Read(DocMap root, string? file)
    {
        if (root["metadata"] is not DocMap metadata || metadata["annotations"] is not DocMap annotations
            || !annotations.TryGetEntry(Skip, out var entry) || entry.Value is not DocScalar value)
        {
            return null;
        }

        var rules = value.Text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var reason = annotations[SkipReason] is DocScalar { IsNull: false } reasonNode && reasonNode.Text.Trim().Length > 0 ? reasonNode.Text.Trim() : null;
        var location = file is null ? null : new SourceLocation(file, entry.KeyLine, entry.KeyColumn);
        return new SkipAnnotation(rules, reason, location);
    }

    /// <summary>True when a skip reason came from the annotation (SARIF reports it as an in-source suppression).</summary>
    public static bool IsFromAnnotation(string skipReason) => skipReason.EndsWith(Suffix, StringComparison.Ordinal);

    /// <summary>The reason a finding skipped by the annotation carries.</summary>
    public static string ReasonText(string? reason) => (reason ?? "no reason given") + Suffix;
}

/// <summary>The skip annotation of one object: the rules it names, the reason (null when missing) and its place.</summary>
public sealed record SkipAnnotation(IReadOnlyList<string> Rules, string? Reason, SourceLocation? Location)
{
    public bool Covers(string id, string policy, string rule) => Rules.Any(r => RuleReference.Matches(r, id, policy, rule));
}
