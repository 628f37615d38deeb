// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Formatting;

/// <summary>The formatter's contract beyond the golden cases: errors, options, line endings, range formatting.</summary>
public sealed class FormatterBehaviourTests
{
    [Theory]
    [InlineData("rule a on workload w {\n  deny \"x\" when (1 +\n}\n")]
    [InlineData("package p\nrule   b on workload w { deny \"y\" when w.kind == == \"Pod\" }")]
    [InlineData("rule c on workload w { deny \"z\" when $ }   // comment\n")]
    [InlineData("const s = \"unterminated\n")]
    [InlineData("/* never closed\nrule r on workload w { deny }")]
    public void A_tree_with_syntax_errors_is_returned_unchanged(string text)
    {
        var tree = FormattingCases.Parse(text);
        tree.Diagnostics.ShouldContain(d => d.IsError);
        PolicyFormatter.Format(tree).ShouldBe(text);
        PolicyFormatter.FormatRange(tree, new TextSpan(0, text.Length)).ShouldBeEmpty();
    }

    [Fact]
    public void A_warning_does_not_stop_formatting()
    {
        // A doc comment between the annotations and the keyword is misplaced (a warning): it is kept where it is.
        var tree = FormattingCases.Parse("@severity(high)\n/// misplaced\nrule   r on workload w {deny}\n");
        tree.Diagnostics.ShouldNotBeEmpty();
        tree.Diagnostics.ShouldNotContain(d => d.IsError);
        PolicyFormatter.Format(tree).ShouldBe("@severity(high)\n/// misplaced\nrule r on workload w {\n  deny\n}\n");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n   \n")]
    public void An_empty_file_formats_to_nothing(string text) => PolicyFormatter.Format(FormattingCases.Parse(text)).ShouldBe(string.Empty);

    [Fact]
    public void Windows_line_breaks_become_line_feeds()
    {
        var text = "package p\r\n\r\n// note\r\nconst a = 1\r\nconst b = \"\"\"\r\n  raw\r\n  \"\"\"\r\n";
        PolicyFormatter.Format(FormattingCases.Parse(text)).ShouldBe("package p\n\n// note\nconst a = 1\n\nconst b = \"\"\"\n  raw\n  \"\"\"\n");
    }

    [Fact]
    public void Indent_size_and_width_are_options()
    {
        var tree = FormattingCases.Parse("rule r on workload w { for c in w.containers { deny \"long message number one\" at c.image when c.image == \"a\" } }");
        var options = new FormattingOptions { IndentSize = 4, MaxLineWidth = 40 };
        PolicyFormatter.Format(tree, options).ShouldBe(
            """
            rule r on workload w {
                for c in w.containers {
                    deny "long message number one"
                        at c.image
                        when c.image == "a"
                }
            }

            """);
    }

    [Fact]
    public void Range_formatting_replaces_only_the_declarations_the_range_touches()
    {
        const string text = "package   p\n\nconst a=1\n\nconst b=[1,2]\n// about c\n   const c  =  3 // three\n";
        var tree = FormattingCases.Parse(text);
        var start = text.IndexOf("const b", StringComparison.Ordinal);
        var edits = PolicyFormatter.FormatRange(tree, new TextSpan(start + 2, 1));
        var edit = edits.ShouldHaveSingleItem();
        edit.NewText.ShouldBe("const b = [1, 2]");
        edit.Span.ShouldBe(new TextSpan(start, "const b=[1,2]".Length));

        var cStart = text.IndexOf("// about c", StringComparison.Ordinal);
        var cEdit = PolicyFormatter.FormatRange(tree, new TextSpan(text.IndexOf("  =", StringComparison.Ordinal), 0)).ShouldHaveSingleItem();
        cEdit.NewText.ShouldBe("// about c\nconst c = 3 // three");
        cEdit.Span.ShouldBe(TextSpan.FromBounds(cStart, text.Length - 1));
    }

    [Fact]
    public void Range_formatting_the_whole_file_gives_the_formatted_file_up_to_blank_lines()
    {
        const string text = "package p\nimport b.c\nimport a\nconst x = {\"k\":1}\nrule r on workload w {deny}\n";
        var tree = FormattingCases.Parse(text);
        var edits = PolicyFormatter.FormatRange(tree, new TextSpan(0, text.Length));
        edits.Count.ShouldBe(3);
        edits.Select(e => e.NewText).ShouldBe(["package p\n\nimport a\nimport b.c", "const x = {\"k\": 1}", "rule r on workload w {\n  deny\n}"]);
        Apply(text, edits).ShouldBe("package p\n\nimport a\nimport b.c\nconst x = {\"k\": 1}\nrule r on workload w {\n  deny\n}\n");
    }

    [Fact]
    public void Range_formatting_between_declarations_gives_no_edits()
    {
        const string text = "const a=1\n\n\nconst b=2\n";
        PolicyFormatter.FormatRange(FormattingCases.Parse(text), new TextSpan(text.IndexOf("\n\n", StringComparison.Ordinal) + 1, 0)).ShouldBeEmpty();
    }

    [Fact]
    public void Range_formatting_keeps_the_comments_of_the_declaration_it_formats()
    {
        const string text = "rule r on workload w { // open\n  deny   \"x\" // why\n}\n";
        var tree = FormattingCases.Parse(text);
        var edit = PolicyFormatter.FormatRange(tree, new TextSpan(text.IndexOf("deny", StringComparison.Ordinal), 4)).ShouldHaveSingleItem();
        edit.Span.ShouldBe(new TextSpan(0, text.Length - 1));
        edit.NewText.ShouldBe("rule r on workload w { // open\n  deny \"x\" // why\n}");
    }

    [Fact]
    public void Range_formatting_a_formatted_file_gives_no_edits()
    {
        const string text = "package p\n\nconst x = 1\n";
        PolicyFormatter.FormatRange(FormattingCases.Parse(text), new TextSpan(0, text.Length)).ShouldBeEmpty();
    }

    private static string Apply(string text, IReadOnlyList<TextEdit> edits)
    {
        foreach (var edit in edits.OrderByDescending(e => e.Span.Start))
        {
            text = text[..edit.Span.Start] + edit.NewText + text[edit.Span.End..];
        }

        return text;
    }
}
