// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;
using PolicyLang.LanguageServer.Features.Shared;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;
using LspHover = PolicyLang.LanguageServer.Protocol.Hover;

namespace PolicyLang.LanguageServer.Features.Hover;

/// <summary><c>textDocument/hover</c>: type and docs of fields (Kubernetes API docs), built-ins, rules, functions, parameters, variables and types.</summary>
public sealed class HoverHandler : ILspHandler
{
    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;

    public HoverHandler(ICompilationManager manager, RequestGuard guard)
    {
        _manager = manager;
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { HoverProvider = true };

    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public Task<LspHover?> HoverAsync(TextDocumentPositionParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("textDocument/hover", (snapshot, _) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Hover(_manager.Analyze(snapshot, document), parameters.Position) : null, cancellationToken);

    public static LspHover? Hover(DocumentAnalysis analysis, Position position)
    {
        var offset = PositionMapper.ToOffset(analysis.Text, position);
        var model = analysis.Model;
        if (model.FieldAt(analysis.Tree, offset) is { } field)
        {
            return Make(analysis, SymbolMarkdown.Describe(field.Field, field.Owner), field.Syntax.Member.Span);
        }

        if (model.SymbolAt(analysis.Tree, offset) is { } reference)
        {
            return Make(analysis, SymbolMarkdown.Describe(reference.Symbol, model), reference.Span);
        }

        if (SemanticModel.NodesAt(analysis.Tree, offset).OfType<TypeSyntax>().LastOrDefault() is { } typeSyntax && Schemas.FindNamed(typeSyntax.Name.Name) is { } type)
        {
            return Make(analysis, SymbolMarkdown.Describe(type), typeSyntax.Name.Span);
        }

        return null;
    }

    private static LspHover Make(DocumentAnalysis analysis, string markdown, Compiler.Text.TextSpan span) =>
        new(MarkupContent.Markdown(markdown), PositionMapper.ToRange(analysis.Text, span));
}
