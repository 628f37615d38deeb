// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Features.DocumentSymbols;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.WorkspaceSymbols;

/// <summary>
/// <c>workspace/symbol</c>: declarations of every document in the workspace whose name contains the query's
/// characters in order (case-insensitive), best matches first.
/// </summary>
public sealed class WorkspaceSymbolsHandler : ILspHandler
{
    private const int MaxResults = 500;
    private readonly RequestGuard _guard;

    public WorkspaceSymbolsHandler(RequestGuard guard)
    {
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { WorkspaceSymbolProvider = true };

    [JsonRpcMethod("workspace/symbol", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<SymbolInformation>> WorkspaceSymbolsAsync(WorkspaceSymbolParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("workspace/symbol", (snapshot, token) => Search(snapshot, parameters.Query ?? string.Empty, token), cancellationToken);

    public static IReadOnlyList<SymbolInformation> Search(WorkspaceSnapshot snapshot, string query, CancellationToken cancellationToken)
    {
        var matches = new List<(int Score, SymbolInformation Symbol)>();
        foreach (var document in snapshot.Documents.Values.OrderBy(d => d.Path, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var tree = document.Tree;
            foreach (var declaration in tree.Root.Declarations.Where(d => !d.Name.IsMissing))
            {
                var name = DeclarationKinds.NameOf(declaration);
                if (Score(name, query) is { } score)
                {
                    var location = new Location(document.Uri, PositionMapper.ToRange(document.Text, declaration.Name.Span));
                    matches.Add((score, new SymbolInformation(name, DeclarationKinds.SymbolKindOf(declaration), location, tree.PackageName)));
                }
            }
        }

        return matches.OrderBy(m => m.Score).ThenBy(m => m.Symbol.Name, StringComparer.Ordinal).Take(MaxResults).Select(m => m.Symbol).ToArray();
    }

    /// <summary>0 for a prefix match, 1 for a substring, 2 for characters in order; null when the name does not match.</summary>
    private static int? Score(string name, string query)
    {
        if (query.Length == 0 || name.StartsWith(query, StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        if (name.Contains(query, StringComparison.OrdinalIgnoreCase))
        {
            return 1;
        }

        var at = 0;
        foreach (var c in name)
        {
            if (at < query.Length && char.ToLowerInvariant(c) == char.ToLowerInvariant(query[at]))
            {
                at++;
            }
        }

        return at == query.Length ? 2 : null;
    }
}
