// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Baselines;

/// <summary>
/// Golden files in the source tree. With <c>POLICYLANG_SET_BASELINE=1</c> a comparison rewrites the golden file
/// instead; otherwise a mismatch is collected with a ready-to-run <c>git diff --no-index</c> command.
/// </summary>
internal static class BaselineFiles
{
    public static string SourceDirectory { get; } = FindSourceDirectory();

    private static bool Updating => Environment.GetEnvironmentVariable("POLICYLANG_SET_BASELINE") == "1";

    public static bool Exists(string relativePath) => File.Exists(Path.Combine(SourceDirectory, relativePath));

    public static void Compare(string relativePath, string actual, List<string> mismatches)
    {
        var expectedPath = Path.Combine(SourceDirectory, relativePath);
        actual = actual.ReplaceLineEndings("\n");
        if (Updating)
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }

        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).ReplaceLineEndings("\n") : null;
        if (expected == actual)
        {
            return;
        }

        var actualPath = Path.Combine(Path.GetTempPath(), "policylang-baselines", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(actualPath) ?? Path.GetTempPath());
        File.WriteAllText(actualPath, actual);
        mismatches.Add($"{relativePath} does not match its baseline{(expected is null ? " (missing)" : string.Empty)}: git diff --no-index {expectedPath} {actualPath}");
    }

    private static string FindSourceDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PolicyLang.Baselines.csproj")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The test project's source directory was not found above " + AppContext.BaseDirectory);
    }
}
