// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting;
using PolicyLang.Compiler.Syntax;

namespace PolicyLang.Compiler.Tests.Formatting;

/// <summary>Properties that must hold for every case input: formatting keeps the tree (modulo spans) and every comment.</summary>
public sealed class FormatterRoundTripTests
{
    public static TheoryData<string> Cases => FormattingCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formatting_keeps_the_syntax_tree(string name)
    {
        var before = FormattingCases.Parse(FormattingCases.Input(name));
        var formatted = PolicyFormatter.Format(before);
        var after = FormattingCases.Parse(formatted);
        after.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ShouldBeEmpty($"{name}: the formatted text does not parse\n{formatted}");
        var difference = SyntaxEquality.FirstDifference(SortImports(before.Root), SortImports(after.Root));
        difference.ShouldBeNull($"{name}: formatting changed the tree\n{formatted}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formatting_keeps_every_comment_in_order(string name)
    {
        var before = FormattingCases.Parse(FormattingCases.Input(name));
        var after = FormattingCases.Parse(PolicyFormatter.Format(before));
        after.Comments.Select(Normalize).ShouldBe(before.Comments.Select(Normalize));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Formatting_keeps_pragmas_directly_above_the_token_they_applied_to(string name)
    {
        var before = FormattingCases.Parse(FormattingCases.Input(name));
        var after = FormattingCases.Parse(PolicyFormatter.Format(before));
        FirstTokensAfterPragmas(before).ShouldBe(FirstTokensAfterPragmas(after));
    }

    [Fact]
    public void The_structural_comparer_sees_differences_but_not_spans()
    {
        var a = FormattingCases.Parse("rule r on workload w {\n  deny \"x {w.name}\" when w.a == 1\n}\n");
        var moved = FormattingCases.Parse("\n\nrule   r on workload w { deny \"x {w.name}\"   when w.a == 1 }");
        var changed = FormattingCases.Parse("rule r on workload w {\n  deny \"x {w.nome}\" when w.a == 1\n}\n");
        SyntaxEquality.FirstDifference(a.Root, moved.Root).ShouldBeNull();
        SyntaxEquality.FirstDifference(a.Root, changed.Root).ShouldNotBeNull().ShouldContain("nome");
    }

    /// <summary>The formatter sorts imports (their order has no meaning), so compare them sorted.</summary>
    private static CompilationUnitSyntax SortImports(CompilationUnitSyntax root) =>
        root with { Imports = root.Imports.OrderBy(i => i.Name.Text, StringComparer.Ordinal).ThenBy(i => i.Alias?.Name, StringComparer.Ordinal).ToList() };

    private static string Normalize(SyntaxToken comment) =>
        comment.Kind == SyntaxTokenKind.DocComment ? comment.Text : comment.Text.TrimEnd().Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>For each pragma, the text of the first token on the line after it (what the pragma silences).</summary>
    private static List<string> FirstTokensAfterPragmas(SyntaxTree tree)
    {
        var result = new List<string>();
        foreach (var pragma in tree.Comments.Where(c => c.Text.Contains("policylang:disable-next-line", StringComparison.Ordinal)))
        {
            var line = tree.Source.GetLinePosition(pragma.Span.Start).Line + 1;
            var token = tree.Tokens.FirstOrDefault(t => tree.Source.GetLinePosition(t.Span.Start).Line == line);
            result.Add(token.Text ?? "(nothing)");
        }

        return result;
    }
}
