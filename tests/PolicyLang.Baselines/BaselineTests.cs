// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;
using PolicyLang.Baselines.Printers;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Formatting;
using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Baselines;

/// <summary>
/// The baseline corpus: one folder per scenario under <c>Files/</c>, its <c>main.policy</c> (and any other
/// <c>.policy</c> files of the scenario, compiled together), and one golden file per stage beside it:
/// <c>main.tokens</c>, <c>main.syntax</c>, <c>main.formatted</c> (of main.policy), <c>main.symbols</c>,
/// <c>main.diagnostics</c>, <c>main.bound</c> and <c>main.generated.cs</c> (of the whole scenario).
/// A scenario whose folder starts with <c>Invalid</c> must have errors, and then no generated C# exists.
/// Regenerate every golden file with <c>tests/update-baselines.sh</c>
/// (<c>POLICYLANG_SET_BASELINE=1 dotnet test tests/PolicyLang.Baselines --filter Category=Baseline</c>) and review the diff.
/// </summary>
[Trait("Category", "Baseline")]
public sealed partial class BaselineTests
{
    public static TheoryData<string> Scenarios()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.EnumerateDirectories(Path.Combine(BaselineFiles.SourceDirectory, "Files")).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Fact]
    public void The_corpus_has_valid_and_invalid_scenarios()
    {
        var scenarios = Directory.EnumerateDirectories(Path.Combine(BaselineFiles.SourceDirectory, "Files")).Select(Path.GetFileName).OfType<string>().ToArray();
        scenarios.ShouldContain(s => s.StartsWith("Invalid", StringComparison.Ordinal));
        scenarios.ShouldContain(s => !s.StartsWith("Invalid", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Every_stage_matches_its_golden_file(string scenario)
    {
        var folder = Path.Combine("Files", scenario);
        var files = Directory.EnumerateFiles(Path.Combine(BaselineFiles.SourceDirectory, folder), "*.policy")
            .OrderBy(f => Path.GetFileName(f) == "main.policy" ? 0 : 1)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToArray();
        Path.GetFileName(files.FirstOrDefault() ?? string.Empty).ShouldBe("main.policy", $"{folder} needs a main.policy");
        var trees = files.Select(f => PolicyParser.Parse(new SourceText(Path.GetFileName(f), File.ReadAllText(f).ReplaceLineEndings("\n")))).ToArray();
        var main = trees[0];
        var compilation = Compilation.Create(trees);
        var diagnostics = compilation.GetDiagnostics();

        var mismatches = new List<string>();
        void Stage(string extension, string text) => BaselineFiles.Compare(Path.Combine(folder, "main" + extension), text, mismatches);

        Stage(".tokens", TokenPrinter.Print(main));
        Stage(".syntax", SyntaxTreePrinter.Print(main));
        Stage(".formatted", PolicyFormatter.Format(main));
        Stage(".symbols", SymbolPrinter.Print(compilation.GetSemanticModel(), trees));
        Stage(".diagnostics", DiagnosticPrinter.Print(trees, diagnostics));
        Stage(".bound", BoundTreePrinter.Print(compilation.GetSemanticModel().Program));

        var generatedPath = Path.Combine(folder, "main.generated.cs");
        var emitted = compilation.Emit();
        if (scenario.StartsWith("Invalid", StringComparison.Ordinal))
        {
            diagnostics.ShouldContain(d => d.IsError, $"{scenario} is named Invalid*, so it must have errors");
            emitted.Success.ShouldBeFalse("code generation refuses to run while errors exist");
            emitted.GeneratedSource.ShouldBeNull();
            BaselineFiles.Exists(generatedPath).ShouldBeFalse($"{generatedPath} must not exist for an invalid scenario");
        }
        else
        {
            diagnostics.ShouldNotContain(d => d.IsError, $"{scenario} must compile; name it Invalid* if errors are the point");
            emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
            Stage(".generated.cs", StableGenerated(emitted.GeneratedSource ?? string.Empty));
        }

        mismatches.ShouldBeEmpty();
    }

    /// <summary>The generated C# without what changes with every build of the compiler (its version in the manifest).</summary>
    private static string StableGenerated(string source) => CompilerVersion().Replace(source, "compilerVersion\\\":\\\"<version>\\\"");

    [GeneratedRegex(@"compilerVersion\\"":\\"".*?\\""")]
    private static partial Regex CompilerVersion();
}
