// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.LanguageServer.Features.Shared;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;

namespace PolicyLang.LanguageServer.Features.References;

/// <summary>
/// Finds every reference to the symbol at a position across the workspace: in the compilation of the symbol's
/// package with every package that imports it (so uses in importers count), matched by <see cref="SymbolIdentity"/>.
/// Shared by find references and rename.
/// </summary>
public static class ReferenceFinder
{
    public static (Symbol Symbol, IReadOnlyList<SymbolReference> References)? Find(ICompilationManager manager, DocumentAnalysis analysis, int offset)
    {
        if (analysis.Model.SymbolAt(analysis.Tree, offset) is not { } at || SymbolIdentity.Of(at.Symbol) is not { } identity)
        {
            return null;
        }

        var symbol = at.Symbol;
        if (symbol is LocalSymbol or BuiltinSymbol)
        {
            return (symbol, analysis.Model.References.Where(r => SymbolIdentity.Of(r.Symbol) == identity).ToArray());
        }

        var home = symbol switch
        {
            DeclaredSymbol declared => analysis.Snapshot.Documents.GetValueOrDefault(declared.Tree.Source.Path),
            ImportSymbol import => import.Package.Trees.Select(t => analysis.Snapshot.Documents.GetValueOrDefault(t.Source.Path)).FirstOrDefault(d => d is not null),
            PackageSymbol package => package.Trees.Select(t => analysis.Snapshot.Documents.GetValueOrDefault(t.Source.Path)).FirstOrDefault(d => d is not null),
            _ => null,
        } ?? analysis.Document;
        var compilation = manager.CompilationOf(analysis.Snapshot.DependentsClosureOf(home));
        var references = compilation.GetSemanticModel().References
            .Where(r => SymbolIdentity.Of(r.Symbol) == identity)
            .DistinctBy(r => (r.Tree.Source.Path, r.Span))
            .OrderBy(r => r.Tree.Source.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Span.Start)
            .ToArray();
        return (symbol, references);
    }

    public static bool IsAt(SymbolReference reference, DocumentAnalysis analysis, int offset) =>
        reference.Tree.Source.Path == analysis.Document.Path && reference.Span.ContainsOrTouches(offset);

    public static Protocol.Location ToLocation(WorkspaceSnapshot snapshot, SymbolReference reference) =>
        new(SymbolLocations.UriOf(snapshot, reference.Tree), PositionMapper.ToRange(reference.Tree.Source, reference.Span));
}
