// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Compiler.Formatting;
using PolicyLang.Compiler.Syntax;

namespace PolicyLang.Compiler.Tests.Formatting;

/// <summary>
/// Fuzzing the layout: every case's tokens and comments re-joined with arbitrary whitespace (spaces, line breaks,
/// blank lines, indentation) must format to the same tree, keep every comment in order, and be a fixed point.
/// </summary>
public sealed class FormatterRespacingTests
{
    private static readonly string[] Separators = [" ", "\n", "   ", "\n\n", "\n      ", " \n\n\n  ", "\t"];

    public static TheoryData<string, int> CasesAndSeeds()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in FormattingCases.Names())
        {
            for (var seed = 1; seed <= 4; seed++)
            {
                data.Add(name, seed);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CasesAndSeeds))]
    public void Respaced_input_formats_to_the_same_tree_and_is_stable(string name, int seed)
    {
        var original = FormattingCases.Parse(FormattingCases.Input(name));
        var respaced = Respace(original, seed);
        var tree = FormattingCases.Parse(respaced);
        tree.Diagnostics.Where(d => d.IsError).ShouldBeEmpty($"the respaced input does not parse:\n{respaced}");

        var once = PolicyFormatter.Format(tree, new FormattingOptions { MaxLineWidth = 60 });
        var after = FormattingCases.Parse(once);
        after.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ShouldBeEmpty($"the formatted text does not parse:\n{once}");
        SyntaxEquality.FirstDifference(Sorted(original.Root), Sorted(after.Root)).ShouldBeNull($"the tree changed:\n{respaced}\n---\n{once}");
        after.Comments.Select(c => c.Text.TrimEnd()).ShouldBe(original.Comments.Select(c => c.Text.TrimEnd()), $"comments changed:\n{once}");
        var twice = PolicyFormatter.Format(after, new FormattingOptions { MaxLineWidth = 60 });
        twice.ShouldBe(once, $"not stable:\n{respaced}\n---\n{TextDiff.Unified(once, twice, "once", "twice")}");
    }

    /// <summary>The tokens and comments of the tree, in order, separated by pseudo-random whitespace.</summary>
    private static string Respace(SyntaxTree tree, int seed)
    {
        var state = (uint)seed * 2654435761u;
        var builder = new StringBuilder();
        foreach (var token in tree.Tokens.OrderBy(t => t.Span.Start))
        {
            if (builder.Length > 0)
            {
                state = (state * 1664525u) + 1013904223u;
                builder.Append(Separators[(int)(state >> 24) % Separators.Length]);
            }

            builder.Append(token.Text);
            if (token.Text.StartsWith("//", StringComparison.Ordinal))
            {
                builder.Append('\n');
            }
        }

        return builder.ToString();
    }

    private static CompilationUnitSyntax Sorted(CompilationUnitSyntax root) =>
        root with { Imports = root.Imports.OrderBy(i => i.Name.Text, StringComparer.Ordinal).ThenBy(i => i.Alias?.Name, StringComparer.Ordinal).ToList() };
}
