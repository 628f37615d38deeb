// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.DocumentSymbols;

/// <summary><c>textDocument/documentSymbol</c>: the outline — the package, then each rule, function, list, constant, parameter and test.</summary>
public sealed class DocumentSymbolsHandler : ILspHandler
{
    private readonly RequestGuard _guard;

    public DocumentSymbolsHandler(RequestGuard guard)
    {
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { DocumentSymbolProvider = true };

    [JsonRpcMethod("textDocument/documentSymbol", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<DocumentSymbol>> DocumentSymbolsAsync(DocumentSymbolParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("textDocument/documentSymbol", (snapshot, _) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Symbols(document) : [], cancellationToken);

    public static IReadOnlyList<DocumentSymbol> Symbols(PolicyDocument document)
    {
        var tree = document.Tree;
        var text = document.Text;
        var result = new List<DocumentSymbol>();
        if (tree.Root.Package is { } package)
        {
            result.Add(new DocumentSymbol(package.Name.Text, "package", SymbolKind.Package, PositionMapper.ToRange(text, package.Span), PositionMapper.ToRange(text, package.Name.Span)));
        }

        foreach (var declaration in tree.Root.Declarations.Where(d => !d.Name.IsMissing))
        {
            result.Add(new DocumentSymbol(
                DeclarationKinds.NameOf(declaration),
                DeclarationKinds.DetailOf(declaration),
                DeclarationKinds.SymbolKindOf(declaration),
                PositionMapper.ToRange(text, declaration.Span),
                PositionMapper.ToRange(text, declaration.Name.Span)));
        }

        return result;
    }
}
