// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Features.Shared;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.Definition;

/// <summary><c>textDocument/definition</c>: rules, functions, lists, constants, parameters, variables and imported packages, across files.</summary>
public sealed class DefinitionHandler : ILspHandler
{
    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;

    public DefinitionHandler(ICompilationManager manager, RequestGuard guard)
    {
        _manager = manager;
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { DefinitionProvider = true };

    [JsonRpcMethod("textDocument/definition", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<Location>> DefinitionAsync(TextDocumentPositionParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("textDocument/definition", (snapshot, _) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Definition(_manager.Analyze(snapshot, document), parameters.Position) : [], cancellationToken);

    public static IReadOnlyList<Location> Definition(DocumentAnalysis analysis, Position position)
    {
        var offset = PositionMapper.ToOffset(analysis.Text, position);
        return analysis.Model.SymbolAt(analysis.Tree, offset) is { } reference ? SymbolLocations.Declarations(analysis.Snapshot, reference.Symbol) : [];
    }
}
