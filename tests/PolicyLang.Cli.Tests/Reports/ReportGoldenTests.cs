// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Output;

namespace PolicyLang.Cli.Tests.Reports;

/// <summary>
/// Golden files for every output format. Each folder under Reports/Cases holds the eval arguments
/// (<c>command.txt</c>, one per line, relative to the folder; <c>stdin.yaml</c> is piped in when present) and the
/// expected outputs in <c>expected/</c>: <c>out.txt</c>, <c>out.json</c>, <c>out.sarif</c>, <c>out.junit.xml</c>,
/// <c>out.github</c> and <c>exit-code</c>. The real executable runs once per case with all five formats as
/// <c>-o format=file</c> targets; the SARIF is validated against the official 2.1.0 schema and the JUnit XML
/// against the JUnit schema. <c>POLICYLANG_SET_BASELINE=1 dotnet test --filter Category=Baseline</c> rewrites the
/// expected files.
/// </summary>
public sealed class ReportGoldenTests
{
    private static readonly (string Format, string File)[] Formats =
    [
        ("text", "out.txt"), ("json", "out.json"), ("sarif", "out.sarif"), ("junit", "out.junit.xml"), ("github", "out.github"),
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(CasesRoot).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Theory]
    [Trait("Category", "Baseline")]
    [MemberData(nameof(Cases))]
    public async Task Every_format_matches_its_golden_file(string name)
    {
        var directory = Path.Combine(CasesRoot, name);
        var actual = Path.Combine(Path.GetTempPath(), "policylang-golden", name + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(actual);
        var arguments = new List<string> { "eval" };
        arguments.AddRange(File.ReadAllLines(Path.Combine(directory, "command.txt")).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')));
        arguments.AddRange(Formats.SelectMany(f => new[] { "-o", $"{f.Format}={Path.Combine(actual, f.File)}" }));
        var stdin = Path.Combine(directory, "stdin.yaml");
        var (code, output, error) = await ProcessRunner.Run(arguments, directory, File.Exists(stdin) ? stdin : null);
        output.ShouldBeEmpty("every format went to a file");
        File.WriteAllText(Path.Combine(actual, "exit-code"), code + "\n");

        var sarif = File.ReadAllText(Path.Combine(actual, "out.sarif"));
        ReportSchemas.SarifErrors(sarif).ShouldBeEmpty("the SARIF output is valid against the 2.1.0 schema");
        ReportSchemas.JUnitErrors(File.ReadAllText(Path.Combine(actual, "out.junit.xml"))).ShouldBeEmpty("the JUnit output is valid against the JUnit schema");

        var expected = Path.Combine(directory, "expected");
        var update = Environment.GetEnvironmentVariable("POLICYLANG_SET_BASELINE") == "1";
        var mismatches = new List<string>();
        foreach (var file in Formats.Select(f => f.File).Append("exit-code"))
        {
            var text = Normalize(File.ReadAllText(Path.Combine(actual, file)));
            var expectedFile = Path.Combine(expected, file);
            if (update)
            {
                Directory.CreateDirectory(expected);
                File.WriteAllText(expectedFile, text);
                continue;
            }

            File.WriteAllText(Path.Combine(actual, file), text);
            if (!File.Exists(expectedFile) || File.ReadAllText(expectedFile) != text)
            {
                mismatches.Add($"git diff --no-index {expectedFile} {Path.Combine(actual, file)}");
            }
        }

        mismatches.ShouldBeEmpty($"outputs differ from the golden files (stderr: {error}); compare with the commands above, or set POLICYLANG_SET_BASELINE=1 to accept");
    }

    private static string CasesRoot => Path.Combine(RepositoryPaths.Project, "Reports", "Cases");

    // The product version changes with releases; the golden files name it <version>.
    private static string Normalize(string text) =>
        text.Replace($"\"{ReportRun.ProductVersion}\"", "\"<version>\"", StringComparison.Ordinal).ReplaceLineEndings("\n");
}
