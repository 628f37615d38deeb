// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.References;

/// <summary><c>textDocument/references</c>: every use of rules, functions, lists, parameters, imports and variables, across files.</summary>
public sealed class ReferencesHandler : ILspHandler
{
    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;

    public ReferencesHandler(ICompilationManager manager, RequestGuard guard)
    {
        _manager = manager;
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { ReferencesProvider = true };

    [JsonRpcMethod("textDocument/references", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<Location>> ReferencesAsync(ReferenceParams parameters, CancellationToken cancellationToken) => _guard.RunAsync(
        "textDocument/references",
        (snapshot, _) =>
        {
            if (snapshot.Find(parameters.TextDocument.Uri) is not { } document)
            {
                return (IReadOnlyList<Location>)[];
            }

            var analysis = _manager.Analyze(snapshot, document);
            var found = ReferenceFinder.Find(_manager, analysis, PositionMapper.ToOffset(analysis.Text, parameters.Position));
            var includeDeclaration = parameters.Context?.IncludeDeclaration ?? true;
            return found is null ? [] : found.Value.References.Where(r => includeDeclaration || !r.IsDefinition).Select(r => ReferenceFinder.ToLocation(snapshot, r)).ToArray();
        },
        cancellationToken);
}
