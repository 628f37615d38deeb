// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Extension.Tests;

/// <summary>Locates the repository and the extension's folder from the test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find("PolicyLang.sln");

    public static string Extension => Path.Combine(Root, "vscode-extension");

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
