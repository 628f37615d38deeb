// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Conformance;

/// <summary>
/// Locates the repository from the test assembly (the folder that holds <c>PolicyLang.sln</c>) and the external
/// conformance data beside it (<c>../shared/conformance</c>, which is not part of the repository).
/// </summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find("PolicyLang.sln");

    public static string Stdlib => Path.Combine(Root, "policies-stdlib");

    /// <summary>The external conformance suites: <c>$POLICYLANG_CONFORMANCE_DIR</c>, else <c>../shared/conformance</c> from the repository root.</summary>
    public static string Conformance =>
        Environment.GetEnvironmentVariable("POLICYLANG_CONFORMANCE_DIR") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance"));

    private static string Find(string marker)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, marker)))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"{marker} not found above {AppContext.BaseDirectory}");
    }
}
