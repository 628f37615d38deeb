// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Formatting;

/// <summary>
/// The golden cases: <c>Formatting/Cases/&lt;name&gt;/input.policy</c> and <c>expected.policy</c>, read from the test
/// output directory. With <c>POLICYLANG_SET_BASELINE=1</c> the golden tests rewrite <c>expected.policy</c> in the
/// source tree instead of comparing (review the diff before committing).
/// </summary>
internal static class FormattingCases
{
    public const string InputFile = "input.policy";
    public const string ExpectedFile = "expected.policy";

    private static readonly string CasesDirectory = Path.Combine(AppContext.BaseDirectory, "Formatting", "Cases");

    public static bool Regenerate => Environment.GetEnvironmentVariable("POLICYLANG_SET_BASELINE") == "1";

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.EnumerateDirectories(CasesDirectory).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    public static string Input(string name) => Read(Path.Combine(CasesDirectory, name, InputFile));

    public static string Expected(string name)
    {
        var path = Path.Combine(CasesDirectory, name, ExpectedFile);
        return File.Exists(path) ? Read(path) : string.Empty;
    }

    public static void WriteExpected(string name, string text) =>
        File.WriteAllText(Path.Combine(SourceDirectory(), "Formatting", "Cases", name, ExpectedFile), text);

    public static SyntaxTree Parse(string text, string name = "case.policy") => PolicyParser.Parse(new SourceText(name, text));

    private static string Read(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string SourceDirectory()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PolicyLang.Compiler.Tests.csproj")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The test project was not found above " + AppContext.BaseDirectory);
    }
}
