// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;

namespace PolicyLang.Conformance.PodSecurity;

/// <summary>
/// The official Pod Security admission fixtures: <c>&lt;level&gt;/v1.&lt;minor&gt;/{pass,fail}/&lt;check&gt;&lt;n&gt;.yaml</c>
/// under <c>pod-security/</c> of the conformance folder (see the README there).
/// </summary>
internal static partial class PodSecurityFixtures
{
    public static readonly string[] Levels = ["baseline", "restricted"];

    public static string Root => Path.Combine(RepositoryPaths.Conformance, "pod-security");

    public static bool Present => Directory.Exists(Root);

    /// <summary>Why the fixtures cannot be used, for a failing test's message.</summary>
    public static string MissingMessage =>
        $"The Pod Security conformance fixtures are missing: expected them in {Root} (../shared/conformance/pod-security " +
        "beside the repository, or $POLICYLANG_CONFORMANCE_DIR). They are external test data; without them the " +
        "conformance of the standard library cannot be shown.";

    /// <summary>The versions (<c>v1.&lt;minor&gt;</c>) that have fixtures at a level, in version order.</summary>
    public static IReadOnlyList<string> Versions(string level) =>
        Directory.Exists(Path.Combine(Root, level))
            ? [.. Directory.EnumerateDirectories(Path.Combine(Root, level)).Select(Path.GetFileName).OfType<string>()
                .Where(v => VersionPattern().IsMatch(v)).OrderBy(Minor)]
            : [];

    /// <summary>The fixture files of one level, version and verdict (<c>pass</c> or <c>fail</c>).</summary>
    public static IReadOnlyList<string> Files(string level, string version, string verdict)
    {
        var directory = Path.Combine(Root, level, version, verdict);
        return Directory.Exists(directory) ? [.. Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal)] : [];
    }

    /// <summary>The check a fixture exercises: its file name without the index (<c>capabilities_baseline2.yaml</c> is <c>capabilities_baseline</c>).</summary>
    public static string CheckOf(string file) => TrailingIndex().Replace(Path.GetFileNameWithoutExtension(file), string.Empty);

    public static int Minor(string version) => int.Parse(version.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^v1\.(0|[1-9][0-9]*)$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"[0-9]+$")]
    private static partial Regex TrailingIndex();
}
