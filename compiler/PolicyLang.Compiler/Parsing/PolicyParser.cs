// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Antlr4.Runtime;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Parsing.Generated;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Parsing;

/// <summary>Parses source text into a <see cref="SyntaxTree"/>. Never throws for bad input: problems become diagnostics.</summary>
public static class PolicyParser
{
    /// <summary>The token channel of doc comments (///).</summary>
    internal const int DocChannel = 2;

    /// <summary>The token channel of ordinary comments.</summary>
    internal const int CommentChannel = 3;

    /// <summary>Sources larger than this are refused with a diagnostic rather than parsed.</summary>
    public const int MaxSourceLength = 8 * 1024 * 1024;

    private const int MaxBracketDepth = 200;
    private const int ParserStackSize = 64 * 1024 * 1024;

    public static SyntaxTree Parse(SourceText source)
    {
        var diagnostics = new List<Diagnostic>();
        if (source.Length > MaxSourceLength)
        {
            diagnostics.Add(DiagnosticCatalog.InputTooLarge(source, new TextSpan(0, 0), source.Length, MaxSourceLength));
            return new SyntaxTree(source, new CompilationUnitSyntax(null, [], [], new TextSpan(0, 0)), [], [], diagnostics);
        }

        // A binary file (an image or an archive given by mistake) would make one error per byte: say what it is instead.
        var nul = source.Text.IndexOf('\0', StringComparison.Ordinal);
        if (nul >= 0)
        {
            diagnostics.Add(DiagnosticCatalog.BinarySource(source, new TextSpan(nul, 1)));
            return new SyntaxTree(source, new CompilationUnitSyntax(null, [], [], new TextSpan(0, 0)), [], [], diagnostics);
        }

        // ANTLR's recursive descent and our converter recurse per nesting level: give them a deep stack, and
        // refuse absurd bracket nesting up front so that no input can overflow it.
        SyntaxTree? result = null;
        Exception? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = ParseCore(source, diagnostics);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    failure = e;
                }
            },
            ParserStackSize);
        thread.Start();
        thread.Join();
        if (failure is not null)
        {
            throw new InvalidOperationException($"The parser failed on {source.Path}: {failure.Message}", failure);
        }

        return result ?? throw new InvalidOperationException("The parser produced no tree.");
    }

    internal static ExpressionSyntax ParseInterpolation(SourceText source, string text, int offset, List<Diagnostic> diagnostics, int depth)
    {
        var lexer = new PolicyLangLexer(new AntlrInputStream(text));
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        ReportLexicalErrors(source, offset, tokens, diagnostics);
        var parser = new PolicyLangParser(tokens) { ErrorHandler = new SyntaxErrorStrategy(source, offset, diagnostics) };
        parser.RemoveErrorListeners();
        var tree = parser.standaloneExpression();
        return new ParseTreeToAst(source, offset, tokens, diagnostics, [], depth).Convert(tree);
    }

    private static SyntaxTree ParseCore(SourceText source, List<Diagnostic> diagnostics)
    {
        var lexer = new PolicyLangLexer(new AntlrInputStream(source.Text));
        lexer.RemoveErrorListeners();
        var tokens = new CommonTokenStream(lexer);
        tokens.Fill();
        ReportLexicalErrors(source, 0, tokens, diagnostics);

        var tooDeep = FindExcessiveNesting(tokens.GetTokens());
        if (tooDeep is { } deep)
        {
            diagnostics.Add(DiagnosticCatalog.NestingTooDeep(source, new TextSpan(deep, 1), MaxBracketDepth));
            return new SyntaxTree(source, new CompilationUnitSyntax(null, [], [], new TextSpan(0, source.Length)), Classify(tokens.GetTokens()), Comments(tokens.GetTokens()), diagnostics);
        }

        var parser = new PolicyLangParser(tokens) { ErrorHandler = new SyntaxErrorStrategy(source, 0, diagnostics) };
        parser.RemoveErrorListeners();
        var tree = parser.compilationUnit();

        var usedDocs = new HashSet<int>();
        var root = new ParseTreeToAst(source, 0, tokens, diagnostics, usedDocs).Convert(tree);
        var all = tokens.GetTokens();
        foreach (var token in all)
        {
            if (token.Channel == DocChannel && !usedDocs.Contains(token.TokenIndex))
            {
                diagnostics.Add(DiagnosticCatalog.MisplacedDocComment(source, TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1)));
            }
        }

        diagnostics.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return new SyntaxTree(source, root, Classify(all), Comments(all), diagnostics);
    }

    private static void ReportLexicalErrors(SourceText source, int offset, CommonTokenStream tokens, List<Diagnostic> diagnostics)
    {
        foreach (var token in tokens.GetTokens())
        {
            var span = TextSpan.FromBounds(offset + token.StartIndex, offset + token.StopIndex + 1);
            if (token.Type == PolicyLangLexer.ERROR_CHAR)
            {
                var text = token.Text;
                var shown = text.Length == 1 && (char.IsControl(text[0]) || char.IsWhiteSpace(text[0])) ? $"U+{(int)text[0]:X4}" : text;
                diagnostics.Add(DiagnosticCatalog.UnexpectedCharacter(source, span, shown));
            }
            else if (token.Type == PolicyLangLexer.BLOCK_COMMENT && !token.Text.EndsWith("*/", StringComparison.Ordinal))
            {
                diagnostics.Add(DiagnosticCatalog.UnterminatedComment(source, new TextSpan(span.Start, 2)));
            }
        }
    }

    /// <summary>
    /// The offset of the first bracket nested deeper than the limit, or null. Braces inside string tokens count too:
    /// each interpolation is parsed again from its text, so nested interpolations are nesting like any other.
    /// </summary>
    private static int? FindExcessiveNesting(IList<IToken> tokens)
    {
        var depth = 0;
        foreach (var token in tokens)
        {
            switch (token.Type)
            {
                case PolicyLangLexer.LPAREN or PolicyLangLexer.LBRACK or PolicyLangLexer.LBRACE:
                    if (++depth > MaxBracketDepth)
                    {
                        return token.StartIndex;
                    }

                    break;
                case PolicyLangLexer.RPAREN or PolicyLangLexer.RBRACK or PolicyLangLexer.RBRACE:
                    depth = Math.Max(0, depth - 1);
                    break;
                case PolicyLangLexer.STRING or PolicyLangLexer.UNTERMINATED_STRING:
                    if (ExcessiveNestingInString(token.Text, MaxBracketDepth - depth) is { } inside)
                    {
                        return token.StartIndex + inside;
                    }

                    break;
            }
        }

        return null;
    }

    /// <summary>The offset in a string token of the first brace nested deeper than the limit, or null (a linear scan).</summary>
    private static int? ExcessiveNestingInString(string text, int limit)
    {
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '\\':
                    i++;
                    break;
                case '{':
                    if (++depth > limit)
                    {
                        return i;
                    }

                    break;
                case '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }

        return null;
    }

    private static List<SyntaxToken> Comments(IList<IToken> tokens) =>
        tokens.Where(t => t.Channel is DocChannel or CommentChannel)
            .Select(t => new SyntaxToken(t.Channel == DocChannel ? SyntaxTokenKind.DocComment : SyntaxTokenKind.Comment, TextSpan.FromBounds(t.StartIndex, t.StopIndex + 1), t.Text))
            .ToList();

    private static List<SyntaxToken> Classify(IList<IToken> tokens)
    {
        var result = new List<SyntaxToken>(tokens.Count);
        foreach (var token in tokens)
        {
            if (token.Type == TokenConstants.EOF || token.Channel == Lexer.Hidden)
            {
                continue;
            }

            var kind = token.Channel switch
            {
                DocChannel => SyntaxTokenKind.DocComment,
                CommentChannel => SyntaxTokenKind.Comment,
                _ => TokenKinds.Classify(token.Type),
            };
            result.Add(new SyntaxToken(kind, TextSpan.FromBounds(token.StartIndex, token.StopIndex + 1), token.Text));
        }

        return result;
    }
}
