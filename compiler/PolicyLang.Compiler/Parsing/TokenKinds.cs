// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Parsing.Generated;
using PolicyLang.Compiler.Syntax;

namespace PolicyLang.Compiler.Parsing;

/// <summary>Classifies ANTLR token types for highlighting and token baselines.</summary>
internal static class TokenKinds
{
    public static SyntaxTokenKind Classify(int type) => type switch
    {
        >= PolicyLangLexer.PACKAGE and <= PolicyLangLexer.MESSAGE => SyntaxTokenKind.Keyword,
        PolicyLangLexer.IDENT or PolicyLangLexer.QUOTED_IDENT => SyntaxTokenKind.Identifier,
        PolicyLangLexer.STRING or PolicyLangLexer.RAW_STRING or PolicyLangLexer.UNTERMINATED_STRING => SyntaxTokenKind.String,
        PolicyLangLexer.INT or PolicyLangLexer.FLOAT => SyntaxTokenKind.Number,
        PolicyLangLexer.ERROR_CHAR => SyntaxTokenKind.Error,
        PolicyLangLexer.DOT or PolicyLangLexer.COMMA or PolicyLangLexer.COLON or PolicyLangLexer.SEMI
            or PolicyLangLexer.LPAREN or PolicyLangLexer.RPAREN or PolicyLangLexer.LBRACK or PolicyLangLexer.RBRACK
            or PolicyLangLexer.LBRACE or PolicyLangLexer.RBRACE or PolicyLangLexer.AT_SIGN => SyntaxTokenKind.Punctuation,
        _ => SyntaxTokenKind.Operator,
    };

    /// <summary>The text of every keyword (hard and soft), read from the lexer's vocabulary.</summary>
    public static IReadOnlyList<string> KeywordTexts { get; } = Enumerable.Range(PolicyLangLexer.PACKAGE, PolicyLangLexer.MESSAGE - PolicyLangLexer.PACKAGE + 1)
        .Select(t => PolicyLangLexer.DefaultVocabulary.GetLiteralName(t)?.Trim('\'') ?? string.Empty)
        .Where(t => t.Length > 0)
        .ToArray();
}
