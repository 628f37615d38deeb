// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting;

namespace PolicyLang.Compiler.Tests.Formatting;

/// <summary>
/// The golden cases again at narrow widths and another indentation, where almost everything breaks: the tree and the
/// comments must survive and a second run must change nothing.
/// </summary>
public sealed class FormatterWidthTests
{
    public static TheoryData<string, int, int> CasesAndWidths()
    {
        var data = new TheoryData<string, int, int>();
        foreach (var name in FormattingCases.Names())
        {
            foreach (var (width, indent) in new[] { (20, 2), (32, 4), (48, 2), (72, 3) })
            {
                data.Add(name, width, indent);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndWidths))]
    public void Narrow_widths_keep_the_tree_and_comments_and_are_stable(string name, int width, int indent)
    {
        var options = new FormattingOptions { MaxLineWidth = width, IndentSize = indent };
        var before = FormattingCases.Parse(FormattingCases.Input(name));
        var once = PolicyFormatter.Format(before, options);
        var after = FormattingCases.Parse(once);
        after.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ShouldBeEmpty($"the formatted text does not parse:\n{once}");
        SyntaxEquality.FirstDifference(Sorted(before.Root), Sorted(after.Root)).ShouldBeNull($"the tree changed:\n{once}");
        after.Comments.Select(c => c.Text.TrimEnd()).ShouldBe(before.Comments.Select(c => c.Text.TrimEnd()), $"comments changed:\n{once}");
        var twice = PolicyFormatter.Format(after, options);
        twice.ShouldBe(once, $"not stable at width {width}:\n{TextDiff.Unified(once, twice, "once", "twice")}");
    }

    private static Syntax.CompilationUnitSyntax Sorted(Syntax.CompilationUnitSyntax root) =>
        root with { Imports = root.Imports.OrderBy(i => i.Name.Text, StringComparer.Ordinal).ThenBy(i => i.Alias?.Name, StringComparer.Ordinal).ToList() };
}
