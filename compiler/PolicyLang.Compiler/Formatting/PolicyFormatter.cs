// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Compiler.Formatting.Layout;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Formatting;

/// <summary>
/// The canonical formatter, used by <c>policylang fmt</c> and the language server.
/// <para>
/// The style. Files: LF line breaks, no trailing spaces, one final line break, indentation of 2 spaces, lines kept
/// within 100 columns wherever the syntax allows a break. First the <c>package</c> line, a blank line, the imports
/// sorted by name, a blank line; then the declarations, exactly one blank line between two of them.
/// </para>
/// <para>
/// Declarations: doc comments (<c>///</c>) and other comments directly above; then the annotations, space-separated,
/// on as many lines above the declaration as the width needs (<c>@severity(high) @tags("a", "b")</c>); then
/// <c>rule name on subject var</c> with its clauses (<c>match</c>, <c>exclude</c>, <c>except when … because …</c>,
/// <c>when</c>) on the same line when they all fit, otherwise each on its own line indented once; a block body opens
/// with <c>{</c> at the end of the last header line, a single-statement body goes on the next line indented once. An
/// annotation with a single argument keeps it inside its parentheses whatever its length (a long string cannot be
/// broken). Functions: <c>func f(a: int): bool = expression</c>, the expression on the next line indented once when it
/// does not fit, or a block of lets ending with the result. <c>list</c>, <c>const</c>, <c>param</c>:
/// <c>name: type = value</c>. In tests, an <c>expect</c> too long for its line continues before its <c>at</c> and
/// <c>message</c> options, on lines indented once more.
/// </para>
/// <para>
/// Statements: one per line; single blank lines between statements are kept, none at the start or end of a block;
/// <c>} else {</c> and <c>} else if … {</c>; a single-statement body of <c>for</c>/<c>if</c>/<c>else</c> on the next
/// line indented once. Clauses of a statement (an action's <c>at</c> and <c>when</c>, a mutation's <c>when</c>, a
/// loop's <c>where</c>, <c>because</c>) stay on the statement's line while they fit and otherwise continue on lines
/// indented once more; <c>and</c>/<c>or</c> chains wrap the same way, a continuation line starting with the operator.
/// </para>
/// <para>
/// Expressions: single spaces around binary operators, none inside brackets; <c>f(a, b)</c>, <c>[a, b]</c>,
/// <c>{"k": v}</c>, <c>{a, b}</c>, <c>[e for x in c where f]</c>, <c>any(x in c: p)</c>, <c>if c then a else b</c>,
/// <c>x not in c</c>, <c>a ?? b</c>. A list, map, set, argument or parameter list that does not fit is broken one item
/// per line with a trailing comma; comprehensions and quantifiers break between their clauses. Parentheses are kept
/// exactly as written (never added or dropped). Strings (escapes and interpolations included), raw strings, numbers and
/// backquoted identifiers are copied from the source; <c>@name()</c> becomes <c>@name</c>.
/// </para>
/// <para>
/// Comments: every comment is kept. Comments on lines of their own stay on lines of their own, above the next
/// declaration, clause, statement or list item (single blank lines between them are kept, except after a doc comment
/// or a <c>// policylang:disable-next-line</c> pragma, which stay directly above their line); a comment after code
/// stays at the end of that line; a block comment between tokens stays inline. The comments above the first import
/// stay at the head of the import block when imports are sorted.
/// </para>
/// Formatting is idempotent. A tree with syntax errors is returned unchanged.
/// </summary>
public static class PolicyFormatter
{
    private const int MinimumWidth = 20;

    /// <summary>Wide enough for any one-line text (flat documents never measure it).</summary>
    private const int OneLineWidth = 1_000_000;

    /// <summary>The canonical text of <paramref name="tree"/>, or its source unchanged when it has syntax errors.</summary>
    public static string Format(SyntaxTree tree, FormattingOptions? options = null)
    {
        if (HasErrors(tree))
        {
            return tree.Source.Text;
        }

        var builder = new StringBuilder();
        foreach (var unit in SyntaxPrinter.Print(tree))
        {
            var text = Render(unit, options);
            if (text.Length == 0)
            {
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(unit.BlankLineBefore ? "\n\n" : "\n");
            }

            builder.Append(text);
        }

        if (builder.Length > 0)
        {
            builder.Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>
    /// Edits that format the top-level units (the package and imports, a declaration with its comments, the comments at
    /// the end) that <paramref name="range"/> touches; the blank lines between units are left as they are.
    /// No edits when the tree has syntax errors or the units are already formatted.
    /// </summary>
    public static IReadOnlyList<TextEdit> FormatRange(SyntaxTree tree, TextSpan range, FormattingOptions? options = null)
    {
        if (HasErrors(tree))
        {
            return [];
        }

        var edits = new List<TextEdit>();
        foreach (var unit in SyntaxPrinter.Print(tree))
        {
            var span = unit.SourceSpan;
            var touches = range.Length == 0 ? span.ContainsOrTouches(range.Start) : span.Start < range.End && range.Start < span.End;
            if (!touches)
            {
                continue;
            }

            var text = Render(unit, options);
            if (text != tree.Source[span])
            {
                edits.Add(new TextEdit(span, text));
            }
        }

        return edits;
    }

    /// <summary>
    /// <paramref name="expression"/> of <paramref name="tree"/> in canonical form on one line (a parameter's default
    /// for a catalogue, say): <c>["a", "b"]</c> however it was broken in the source. An expression with comments inside,
    /// or in a tree with syntax errors, comes back as its source text with its whitespace runs collapsed.
    /// </summary>
    public static string FormatOneLine(SyntaxTree tree, ExpressionSyntax expression) =>
        (HasErrors(tree) ? null : SyntaxPrinter.PrintOneLine(tree, expression)) is { } doc
            ? DocRenderer.Render(doc, 2, OneLineWidth)
            : string.Join(' ', tree.Source[expression.Span].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool HasErrors(SyntaxTree tree) => tree.Diagnostics.Any(d => d.IsError);

    private static string Render(LayoutUnit unit, FormattingOptions? options)
    {
        options ??= FormattingOptions.Default;
        return DocRenderer.Render(unit.Doc, Math.Max(1, options.IndentSize), Math.Max(MinimumWidth, options.MaxLineWidth));
    }
}
