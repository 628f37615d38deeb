// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler.Tests.Baselines;

/// <summary>
/// Compares output with a golden file in the source tree. With <c>POLICYLANG_SET_BASELINE=1</c> it rewrites
/// the golden file instead (review the diff before committing). On failure it prints a ready-to-run diff command.
/// </summary>
internal static class BaselineAssert
{
    public static string SourceDirectory { get; } = FindSourceDirectory();

    /// <summary>The names (without extension) of the <c>.policy</c> files of <c>Cases/&lt;folder&gt;</c>, in ordinal order: one theory case each.</summary>
    public static TheoryData<string> CaseNames(string folder)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(SourceDirectory, "Cases", folder), "*.policy").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    public static void Matches(string relativePath, string actual)
    {
        var expectedPath = Path.Combine(SourceDirectory, relativePath);
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("POLICYLANG_SET_BASELINE") == "1")
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }

        var expected = File.Exists(expectedPath) ? File.ReadAllText(expectedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (expected == actual)
        {
            return;
        }

        var actualPath = Path.Combine(Path.GetTempPath(), "policylang-baselines", relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(actualPath) ?? Path.GetTempPath());
        File.WriteAllText(actualPath, actual);
        throw new Xunit.Sdk.XunitException(
            $"{relativePath} does not match its baseline{(expected is null ? " (missing)" : string.Empty)}.\n" +
            $"  see the difference:  git diff --no-index {expectedPath} {actualPath}\n" +
            $"  accept the new output: POLICYLANG_SET_BASELINE=1 dotnet test tests/PolicyLang.Compiler.Tests --filter Category=Baseline\n\n" +
            $"actual:\n{actual}");
    }

    private static string FindSourceDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PolicyLang.Compiler.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The test project's source directory was not found above " + AppContext.BaseDirectory);
    }
}
