// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Parsing.Generated;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Parsing;

/// <summary>
/// ANTLR's default recovery, but reporting each syntax error as one coded diagnostic in our words
/// (never ANTLR's raw messages). One diagnostic per position: cascades at the same place are dropped.
/// </summary>
internal sealed class SyntaxErrorStrategy : DefaultErrorStrategy
{
    private readonly SourceText _source;
    private readonly int _offset;
    private readonly List<Diagnostic> _diagnostics;
    private readonly HashSet<int> _reportedAt = [];

    public SyntaxErrorStrategy(SourceText source, int offset, List<Diagnostic> diagnostics)
    {
        _source = source;
        _offset = offset;
        _diagnostics = diagnostics;
    }

    protected override void ReportNoViableAlternative(Parser recognizer, NoViableAltException e) =>
        ReportUnexpected(e.OffendingToken, ExpectedOf(recognizer, e.GetExpectedTokens()));

    protected override void ReportInputMismatch(Parser recognizer, InputMismatchException e) =>
        ReportUnexpected(e.OffendingToken, ExpectedOf(recognizer, e.GetExpectedTokens()));

    protected override void ReportFailedPredicate(Parser recognizer, FailedPredicateException e) =>
        ReportUnexpected(e.OffendingToken, "something else");

    protected override void ReportUnwantedToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        ReportUnexpected(recognizer.CurrentToken, ExpectedOf(recognizer, GetExpectedTokens(recognizer)));
    }

    protected override void ReportMissingToken(Parser recognizer)
    {
        if (InErrorRecoveryMode(recognizer))
        {
            return;
        }

        BeginErrorCondition(recognizer);
        var token = recognizer.CurrentToken;
        var span = SpanOf(token);
        if (_reportedAt.Add(span.Start))
        {
            _diagnostics.Add(DiagnosticCatalog.MissingToken(_source, span, ExpectedOf(recognizer, GetExpectedTokens(recognizer)), Describe(token)));
        }
    }

    private void ReportUnexpected(IToken token, string expected)
    {
        // Lexical errors are reported by the converter with their own codes; do not pile a syntax error on them.
        if (token.Type is PolicyLangLexer.ERROR_CHAR)
        {
            return;
        }

        var span = SpanOf(token);
        if (_reportedAt.Add(span.Start))
        {
            _diagnostics.Add(DiagnosticCatalog.UnexpectedToken(_source, span, Describe(token), expected));
        }
    }

    private TextSpan SpanOf(IToken token) =>
        token.Type == TokenConstants.EOF
            ? new TextSpan(Math.Max(0, Math.Min(_source.Length, _offset + token.StartIndex)), 0)
            : TextSpan.FromBounds(_offset + token.StartIndex, _offset + token.StopIndex + 1);

    private static string Describe(IToken token) => token.Type switch
    {
        TokenConstants.EOF => "end of file",
        PolicyLangLexer.STRING or PolicyLangLexer.RAW_STRING => "a string",
        PolicyLangLexer.INT or PolicyLangLexer.FLOAT => $"number '{token.Text}'",
        PolicyLangLexer.IDENT => $"name '{token.Text}'",
        _ => $"'{token.Text}'",
    };

    private static string ExpectedOf(Parser recognizer, IntervalSet? expected)
    {
        if (expected is null || expected.Count == 0)
        {
            return "something else";
        }

        var types = new List<int>(expected.ToList());
        var vocabulary = recognizer.Vocabulary;
        var expressionStarts = new[] { PolicyLangLexer.IDENT, PolicyLangLexer.INT, PolicyLangLexer.STRING, PolicyLangLexer.LPAREN };
        var names = new List<string>();
        if (expressionStarts.All(types.Contains))
        {
            names.Add("an expression");
            types.RemoveAll(t => IsExpressionStart(t));
        }
        else if (types.Contains(PolicyLangLexer.IDENT) || types.Contains(PolicyLangLexer.QUOTED_IDENT))
        {
            names.Add("a name");
            types.RemoveAll(t => t is PolicyLangLexer.IDENT or PolicyLangLexer.QUOTED_IDENT || IsSoftKeyword(t));
        }

        foreach (var type in types)
        {
            names.Add(type switch
            {
                TokenConstants.EOF => "end of file",
                PolicyLangLexer.STRING => "a string",
                PolicyLangLexer.INT => "a number",
                _ => vocabulary.GetLiteralName(type) ?? vocabulary.GetDisplayName(type),
            });
        }

        return names.Count switch
        {
            1 => names[0],
            <= 6 => string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1],
            _ => string.Join(", ", names.Take(5)) + ", …",
        };
    }

    private static bool IsSoftKeyword(int type) => type is >= PolicyLangLexer.AS and <= PolicyLangLexer.MESSAGE;

    private static bool IsExpressionStart(int type) =>
        type is PolicyLangLexer.IDENT or PolicyLangLexer.QUOTED_IDENT or PolicyLangLexer.INT or PolicyLangLexer.FLOAT
            or PolicyLangLexer.STRING or PolicyLangLexer.RAW_STRING or PolicyLangLexer.UNTERMINATED_STRING
            or PolicyLangLexer.LPAREN or PolicyLangLexer.LBRACK or PolicyLangLexer.LBRACE or PolicyLangLexer.MINUS
            or PolicyLangLexer.NOT or PolicyLangLexer.TRUE or PolicyLangLexer.FALSE or PolicyLangLexer.NULL or PolicyLangLexer.IF
        || IsSoftKeyword(type);
}
