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
    /// between words, none around the dots of a rule name.
    /// </summary>
    private Doc Tokens(TestStatementSyntax statement)
    {
        var parts = new List<Doc>();
        var previous = string.Empty;
        foreach (var token in _comments.TokensIn(statement.Span))
        {
            if (parts.Count > 0 && token.Text != "." && previous != ".")
            {
                parts.Add(Plain(" "));
            }

            parts.Add(Inline(token.Span.Start));
            parts.Add(Verbatim(token.Text));
            previous = token.Text;
        }

        return Concat(parts);
    }
}
