// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Numerics;
using Semver;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Semantic Versioning 2.0 built-ins (the Semver library). Versions are strict SemVer (<c>MAJOR.MINOR.PATCH</c>,
/// optional <c>-pre.release</c> and <c>+build</c>) with an optional leading <c>v</c> or <c>V</c>, as Kubernetes and
/// most image tags write them. Invalid versions give absent (false for predicates).
/// </summary>
public static class SemverBuiltins
{
    /// <summary>How many parsed ranges are kept.</summary>
    public const int CacheCapacity = 1000;

    private const SemVersionStyles Styles = SemVersionStyles.Strict | SemVersionStyles.AllowV;
    private const int MaxLength = 256;

    private static readonly BoundedCache<string, SemVersionRange?> Ranges = new(CacheCapacity, StringComparer.Ordinal);

    [Builtin("semverCompare", BuiltinCategories.Semver, "-1, 0 or 1 as version a has lower, equal or higher precedence than b (SemVer 2.0: pre-releases sort before their release, build metadata is ignored). Absent if either is absent or invalid.", Example = "semverCompare(\"1.0.0-alpha\", \"1.0.0\") == -1")]
    public static long? SemverCompare([Doc("A version, e.g. \"v1.27.3\".")] string? a, [Doc("The version to compare with.")] string? b) =>
        Parse(a) is { } x && Parse(b) is { } y ? Math.Sign(SemVersion.ComparePrecedence(x, y)) : null;

    [Builtin("semverValid", BuiltinCategories.Semver, "True if s is a valid SemVer 2.0 version (a leading v is allowed). False if absent.", Example = "semverValid(\"v1.2.3-rc.1+build.5\")")]
    public static bool SemverValid([Doc("The text to check.")] string? s) => Parse(s) is not null;

    [Builtin("semverSatisfies", BuiltinCategories.Semver, "True if the version is in the npm-style range: comparators (>=1.2.0 <2.0.0), || alternatives, hyphen ranges (1.2 - 1.4), caret (^1.2), tilde (~1.2.3) and wildcards (1.x, *). As in npm, a pre-release satisfies a range only if a comparator of the same MAJOR.MINOR.PATCH has a pre-release. False if either is absent or invalid.", Example = "semverSatisfies(\"1.4.2\", \">=1.2.0 <2.0.0\")", ConstantValidator = nameof(Validate))]
    public static bool SemverSatisfies([Doc("The version to test.")] string? version, [Doc("An npm-style range.")] string? range) =>
        Parse(version) is { } v && range is not null && ParseRange(range) is { } r && r.Contains(v);

    [Builtin("semverMajor", BuiltinCategories.Semver, "The MAJOR number of a version. Absent if the version is absent or invalid.", Example = "semverMajor(\"v1.27.3\") == 1")]
    public static long? SemverMajor([Doc("The version.")] string? version) => ToLong(Parse(version)?.Major);

    [Builtin("semverMinor", BuiltinCategories.Semver, "The MINOR number of a version. Absent if the version is absent or invalid.", Example = "semverMinor(\"v1.27.3\") == 27")]
    public static long? SemverMinor([Doc("The version.")] string? version) => ToLong(Parse(version)?.Minor);

    [Builtin("semverPatch", BuiltinCategories.Semver, "The PATCH number of a version. Absent if the version is absent or invalid.", Example = "semverPatch(\"v1.27.3\") == 3")]
    public static long? SemverPatch([Doc("The version.")] string? version) => ToLong(Parse(version)?.Patch);

    [Builtin("semverPrerelease", BuiltinCategories.Semver, "The pre-release part of a version without its '-' (\"\" for a release). Absent if the version is absent or invalid.", Example = "semverPrerelease(\"1.0.0-rc.1\") == \"rc.1\"")]
    public static string? SemverPrerelease([Doc("The version.")] string? version) => Parse(version)?.Prerelease;

    /// <summary>
    /// The constant validator of <c>semverSatisfies</c>: argument 1 (0-based, among the arguments the policy writes)
    /// is the range. Returns the error message for an invalid constant range, or null. At run time an invalid range
    /// is not an error: the version simply does not satisfy it.
    /// </summary>
    public static string? Validate(int argumentIndex, object? constantValue) =>
        argumentIndex == 1 && constantValue is string range && ParseRange(range) is null
            ? $"invalid semver range '{range}': expected npm-style comparators such as \">=1.2.0 <2.0.0\", \"^1.2\", \"~1.2.3\" or \"1.x\""
            : null;

    private static SemVersion? Parse(string? s) =>
        s is not null && SemVersion.TryParse(s, Styles, out var version, MaxLength) ? version : null;

    private static SemVersionRange? ParseRange(string range) =>
        Ranges.GetOrAdd(range, static r => SemVersionRange.TryParseNpm(r, out var parsed, MaxLength * 4) ? parsed : null);

    private static long? ToLong(BigInteger? value) =>
        value is { } v && v <= long.MaxValue ? (long)v : null;
}
