// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Benchmarks.Support;

/// <summary>Locates the repository (the folder that holds <c>PolicyLang.sln</c>) from the running assembly or the working directory.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Find("PolicyLang.sln");

    public static string Stdlib => Path.Combine(Root, "policies-stdlib");

    public static string PodSecurity => Path.Combine(Stdlib, "kubernetes", "pod-security");

    public static string RuntimeDetections => Path.Combine(Stdlib, "runtime");

    private static string Find(string marker)
    {
        // BenchmarkDotNet runs each benchmark from a generated project below bin/, so both starting points lead up to the repository.
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, marker)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"{marker} not found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}");
    }
}
