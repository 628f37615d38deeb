// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using PolicyLang.Compiler.Types;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;
using LspSemanticTokens = PolicyLang.LanguageServer.Protocol.SemanticTokens;

namespace PolicyLang.LanguageServer.Features.SemanticTokens;

/// <summary>
/// <c>textDocument/semanticTokens/full</c> and <c>/range</c>: the parser's tokens, with identifiers classified by
/// what binding resolved them to (rule, function, built-in, variable, parameter, field, package, type, annotation).
/// Tokens that span lines (raw strings, block comments) are split per line.
/// </summary>
public sealed class SemanticTokensHandler : ILspHandler
{
    public static readonly IReadOnlyList<string> TokenTypes = ["namespace", "type", "parameter", "variable", "property", "function", "method", "keyword", "comment", "string", "number", "operator", "decorator", "enumMember"];
    public static readonly IReadOnlyList<string> TokenModifiers = ["declaration", "readonly", "documentation", "defaultLibrary"];

    private const int Declaration = 1;
    private const int Readonly = 2;
    private const int Documentation = 4;
    private const int DefaultLibrary = 8;

    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;

    public SemanticTokensHandler(ICompilationManager manager, RequestGuard guard)
    {
        _manager = manager;
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with
    {
        SemanticTokensProvider = new SemanticTokensOptions(new SemanticTokensLegend(TokenTypes, TokenModifiers), Range: true, Full: true),
    };

    [JsonRpcMethod("textDocument/semanticTokens/full", UseSingleObjectParameterDeserialization = true)]
    public Task<LspSemanticTokens> FullAsync(SemanticTokensParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("textDocument/semanticTokens/full", (snapshot, token) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Tokens(_manager.Analyze(snapshot, document), null, token) : new LspSemanticTokens([]), cancellationToken);

    [JsonRpcMethod("textDocument/semanticTokens/range", UseSingleObjectParameterDeserialization = true)]
    public Task<LspSemanticTokens> RangeAsync(SemanticTokensRangeParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("textDocument/semanticTokens/range", (snapshot, token) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Tokens(_manager.Analyze(snapshot, document), parameters.Range, token) : new LspSemanticTokens([]), cancellationToken);

    public static LspSemanticTokens Tokens(DocumentAnalysis analysis, Protocol.Range? range, CancellationToken cancellationToken)
    {
        var text = analysis.Text;
        var window = range is null ? new TextSpan(0, text.Length) : PositionMapper.ToSpan(text, range);
        var classified = Classify(analysis);
        var data = new List<int>();
        var previousLine = 0;
        var previousStart = 0;
        foreach (var token in analysis.Tree.Tokens)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (token.Span.End < window.Start || token.Span.Start > window.End || TypeOf(token, classified) is not { } type)
            {
                continue;
            }

            foreach (var (line, start, length) in Lines(text, token.Span))
            {
                data.Add(line - previousLine);
                data.Add(line == previousLine ? start - previousStart : start);
                data.Add(length);
                data.Add(type.Type);
                data.Add(type.Modifiers);
                previousLine = line;
                previousStart = start;
            }
        }

        return new LspSemanticTokens(data);
    }

    private static (int Type, int Modifiers)? TypeOf(SyntaxToken token, Dictionary<int, (int, int)> classified) => token.Kind switch
    {
        SyntaxTokenKind.Keyword when classified.TryGetValue(token.Span.Start, out var soft) => soft,
        SyntaxTokenKind.Keyword => (7, 0),
        SyntaxTokenKind.Identifier => classified.TryGetValue(token.Span.Start, out var identifier) ? identifier : (3, 0),
        SyntaxTokenKind.String => (9, 0),
        SyntaxTokenKind.Number => (10, 0),
        SyntaxTokenKind.Operator => (11, 0),
        SyntaxTokenKind.Comment => (8, 0),
        SyntaxTokenKind.DocComment => (8, Documentation),
        _ => null,
    };

    /// <summary>Token types of identifiers by start offset, from the semantic model and the syntax.</summary>
    private static Dictionary<int, (int, int)> Classify(DocumentAnalysis analysis)
    {
        var tree = analysis.Tree;
        var model = analysis.Model;
        var result = new Dictionary<int, (int, int)>();
        foreach (var node in tree.Root.DescendantsAndSelf())
        {
            switch (node)
            {
                case AnnotationSyntax annotation:
                    result[annotation.Name.Span.Start] = (12, 0);
                    break;
                case TypeSyntax type:
                    result[type.Name.Span.Start] = (1, 0);
                    break;
                case MemberAccessExpressionSyntax access when model.TypeOf(access.Target) is ObjectType or MapType or DynamicType:
                    result[access.Member.Span.Start] = (4, 0);
                    break;
                case RuleDeclarationSyntax rule:
                    result[rule.Subject.Span.Start] = (1, 0);
                    break;
            }
        }

        foreach (var reference in model.References.Where(r => ReferenceEquals(r.Tree, tree)))
        {
            var modifiers = reference.IsDefinition ? Declaration : 0;
            (int, int)? type = reference.Symbol switch
            {
                PackageSymbol or ImportSymbol => (0, modifiers),
                RuleSymbol => (6, modifiers),
                FunctionSymbol => (5, modifiers),
                BuiltinSymbol => (5, DefaultLibrary),
                ConstantSymbol => (3, modifiers | Readonly),
                ParamSymbol => (2, modifiers | Readonly),
                LocalSymbol { Kind: LocalKind.FunctionParameter } => (2, modifiers),
                LocalSymbol => (3, modifiers),
                _ => null,
            };
            if (type is { } t)
            {
                foreach (var start in StartsOfNameParts(tree.Source, reference.Span))
                {
                    result[start] = t;
                }
            }
        }

        return result;
    }

    /// <summary>A package reference spans a dotted name: each part is its own token.</summary>
    private static IEnumerable<int> StartsOfNameParts(SourceText text, TextSpan span)
    {
        yield return span.Start;
        for (var i = span.Start; i < span.End && i < text.Length; i++)
        {
            if (text.Text[i] == '.')
            {
                yield return i + 1;
            }
        }
    }

    private static IEnumerable<(int Line, int Start, int Length)> Lines(SourceText text, TextSpan span)
    {
        var start = text.GetLinePosition(span.Start);
        var end = text.GetLinePosition(span.End);
        if (start.Line == end.Line)
        {
            if (span.Length > 0)
            {
                yield return (start.Line, start.Character, span.Length);
            }

            yield break;
        }

        for (var line = start.Line; line <= end.Line; line++)
        {
            var first = line == start.Line ? start.Character : 0;
            var last = line == end.Line ? end.Character : text.GetLineText(line).Length;
            if (last > first)
            {
                yield return (line, first, last - first);
            }
        }
    }
}
