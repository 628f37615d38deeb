// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler;

/// <summary>
/// The answers about a bound compilation: the bound program, binding diagnostics, which symbol every name
/// refers to, the type of every expression. Immutable; shared by the CLI, the language server and code generation.
/// </summary>
public sealed partial class SemanticModel
{
    private readonly BindingResult _binding;

    internal SemanticModel(BindingResult binding)
    {
        _binding = binding;
    }

    public BoundProgram Program => _binding.Program;

    public IReadOnlyList<Diagnostic> Diagnostics => _binding.Diagnostics;

    /// <summary>Every place a name refers to a symbol, definitions included.</summary>
    public IReadOnlyList<SymbolReference> References => _binding.References;

    public IReadOnlyDictionary<string, PackageSymbol> Packages => _binding.Packages;

    /// <summary>The type of an expression node, when it was bound.</summary>
    public TypeSymbol? TypeOf(SyntaxNode expression) => _binding.ExpressionTypes.GetValueOrDefault(expression);

    /// <summary>The symbol referred to (or defined) at a position of a file.</summary>
    public SymbolReference? SymbolAt(SyntaxTree tree, int position) =>
        _binding.References.Where(r => r.Tree == tree && r.Span.ContainsOrTouches(position)).OrderBy(r => r.Span.Length).FirstOrDefault();

    /// <summary>The imports of a file by local name.</summary>
    public IReadOnlyDictionary<string, ImportSymbol> ImportsOf(SyntaxTree tree) =>
        _binding.Imports.TryGetValue(tree, out var imports) ? imports : new Dictionary<string, ImportSymbol>();

    /// <summary>The local variables visible at a syntax node (statements and expressions).</summary>
    public IReadOnlyList<LocalSymbol> LocalsAt(SyntaxNode node) =>
        _binding.ScopesAtNodes.TryGetValue(node, out var scope) ? scope.AllVisible().ToArray() : [];
}
