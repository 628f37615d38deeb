// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Stdlib.Tests;

/// <summary>Locates the repository (the folder that holds <c>PolicyLang.sln</c>) and the standard library from the test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find("PolicyLang.sln");

    public static string Stdlib => Path.Combine(Root, "policies-stdlib");

    public static string Catalogue => Path.Combine(Stdlib, "README.md");

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
