// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;

namespace PolicyLang.LanguageServer.Features.Shared;

/// <summary>Where symbols are declared, as LSP locations (URIs of the snapshot's documents).</summary>
public static class SymbolLocations
{
    public static string UriOf(WorkspaceSnapshot snapshot, SyntaxTree tree) =>
        snapshot.Documents.TryGetValue(tree.Source.Path, out var document) ? document.Uri : ToUri(tree.Source.Path);

    public static Location Location(WorkspaceSnapshot snapshot, SyntaxTree tree, TextSpan span) =>
        new(UriOf(snapshot, tree), PositionMapper.ToRange(tree.Source, span));

    /// <summary>The declaration(s) of a symbol; none for built-ins.</summary>
    public static IReadOnlyList<Location> Declarations(WorkspaceSnapshot snapshot, Symbol symbol) => symbol switch
    {
        DeclaredSymbol declared => [Location(snapshot, declared.Tree, declared.NameSpan)],
        LocalSymbol local => [Location(snapshot, local.Tree, local.DeclarationSpan)],
        ImportSymbol import => PackageDeclarations(snapshot, import.Package),
        PackageSymbol package => PackageDeclarations(snapshot, package),
        _ => [],
    };

    private static Location[] PackageDeclarations(WorkspaceSnapshot snapshot, PackageSymbol package) =>
        package.Trees.Where(t => t.Root.Package is not null).Select(t => Location(snapshot, t, t.Root.Package?.Name.Span ?? default)).ToArray();

    private static string ToUri(string path) => Path.IsPathRooted(path) ? DocumentUri.FromPath(path) : path;
}
