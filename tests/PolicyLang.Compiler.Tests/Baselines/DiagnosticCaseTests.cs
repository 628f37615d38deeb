// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Baselines;

/// <summary>
/// Every <c>Cases/Diagnostics/*.policy</c> file is compiled and its diagnostics compared with the
/// <c>.diagnostics</c> file beside it. A new case is a new file. A case whose name starts with
/// <c>Invalid</c> must produce errors; any other must not, and must also emit.
/// </summary>
[Trait("Category", "Baseline")]
public sealed class DiagnosticCaseTests
{
    public static TheoryData<string> Cases() => BaselineAssert.CaseNames("Diagnostics");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Diagnostics_match_the_baseline(string name)
    {
        var path = Path.Combine(BaselineAssert.SourceDirectory, "Cases", "Diagnostics", name + ".policy");
        var source = new SourceText(name + ".policy", File.ReadAllText(path));
        var compilation = Compilation.Create([source]);
        var diagnostics = compilation.GetDiagnostics();
        var text = new StringBuilder();
        foreach (var diagnostic in diagnostics)
        {
            var position = source.GetLinePosition(diagnostic.Span.Start);
            text.Append($"{position.Line + 1}:{position.Character + 1}: {diagnostic.Level.ToString().ToLowerInvariant()} {diagnostic.Code}: {diagnostic.Message}\n");
            text.Append("    ").Append(source.GetLineText(position.Line).Trim()).Append('\n');
        }

        BaselineAssert.Matches(Path.Combine("Cases", "Diagnostics", name + ".diagnostics"), text.ToString());
        if (name.StartsWith("Invalid", StringComparison.Ordinal))
        {
            diagnostics.ShouldContain(d => d.IsError, "a case named Invalid* must produce errors");
            compilation.Emit().Success.ShouldBeFalse("code generation must refuse to run while errors exist");
        }
        else
        {
            diagnostics.ShouldNotContain(d => d.IsError);
            var emitted = compilation.Emit();
            emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
        }
    }
}
