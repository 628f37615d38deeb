// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Binding;

/// <summary>The product of binding: the bound program and what editors need to answer questions about the source.</summary>
internal sealed record BindingResult(
    BoundProgram Program,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyList<SymbolReference> References,
    IReadOnlyDictionary<SyntaxNode, TypeSymbol> ExpressionTypes,
    IReadOnlyDictionary<SyntaxNode, LocalScope> ScopesAtNodes,
    IReadOnlyDictionary<string, PackageSymbol> Packages,
    IReadOnlyDictionary<SyntaxTree, Dictionary<string, ImportSymbol>> Imports);
