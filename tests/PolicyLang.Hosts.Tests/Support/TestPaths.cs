// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>Locates the repository and this project's test data from the test assembly.</summary>
internal static class TestPaths
{
    public static string Root { get; } = Find("PolicyLang.sln");

    public static string Project => Path.Combine(Root, "tests", "PolicyLang.Hosts.Tests");

    public static string TestData(params string[] parts) => Path.Combine([Project, "TestData", .. parts]);

    /// <summary>A new empty directory under the system's temporary directory.</summary>
    public static string NewTemporaryDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "policylang-hosts-tests", Path.GetRandomFileName());
        Directory.CreateDirectory(path);
        return path;
    }

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
