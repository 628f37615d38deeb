// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting.Layout;
using PolicyLang.Compiler.Syntax;
using static PolicyLang.Compiler.Formatting.Layout.Doc;

namespace PolicyLang.Compiler.Formatting;

/// <summary><c>test "title" { given … with … expect … }</c>: fixtures and strings are copied from the source.</summary>
internal sealed partial class SyntaxPrinter
{
    private Doc Test(TestDeclarationSyntax test)
    {
        var title = Concat(Inline(test.Name.Span.Start), Verbatim(_source[test.Name.Span]));
        var open = _comments.FindToken("{", test.Name.Span.End) ?? test.Name.Span.End;
        var items = test.Statements.Select(s => new ListItem(s.Span.Start, s.Span.End, () => TestStatement(s))).ToList();
        return Concat(Plain("test "), title, Plain(" "), Braced(open + 1, items, test.Span.End - 1));
    }

    private Doc TestStatement(TestStatementSyntax statement) => statement switch
    {
        GivenStatementSyntax given => Concat(
            Plain("given "),
            Identifier(given.Subject),
            Plain(given.File is null ? " " : " from "),
            Inline(given.ContentSpan.Start),
            Verbatim(_source[given.ContentSpan])),
        WithStatementSyntax with => Concat(Plain("with "), QualifiedName(with.Name), Plain(" = "), Expression(with.Value)),
        _ => Tokens(statement),
    };

    /// <summary>
    /// A statement printed token by token (<c>expect</c>, whose options the tree keeps only unescaped): single spaces
    /// between words, none around the dots of a rule name. Each option (<c>at "…"</c>, <c>message "…"</c>) is a part of
    /// a flow, so an expectation too long for its line continues on lines indented once more.
    /// </summary>
    private Doc Tokens(TestStatementSyntax statement)
    {
        // Comments inside already decide where the lines go.
        var wraps = !_comments.AnyBefore(statement.Span.End);
        var tokens = _comments.TokensIn(statement.Span).ToList();
        var segments = new List<Doc>();
        var parts = new List<Doc>();
        var previous = string.Empty;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var startsOption = wraps && parts.Count > 0 && token.Text is "at" or "message" && i + 1 < tokens.Count && tokens[i + 1].Text.StartsWith('"');
            if (startsOption)
            {
                segments.Add(Concat(parts));
                parts.Clear();
            }
            else if (parts.Count > 0 && token.Text != "." && previous != ".")
            {
                parts.Add(Plain(" "));
            }

            parts.Add(Inline(token.Span.Start));
            parts.Add(Verbatim(token.Text));
            previous = token.Text;
        }

        segments.Add(Concat(parts));
        return segments.Count == 1 ? segments[0] : Indent(Fill(Interleave(segments, Line)));
    }

    private static List<Doc> Interleave(IReadOnlyList<Doc> items, Doc separator)
    {
        var result = new List<Doc>();
        foreach (var item in items)
        {
            if (result.Count > 0)
            {
                result.Add(separator);
            }

            result.Add(item);
        }

        return result;
    }
}
