// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Binding;

/// <summary>A place in a file where a name refers to a symbol (used for definition, references, rename and hover).</summary>
public sealed record SymbolReference(SyntaxTree Tree, TextSpan Span, Symbol Symbol, bool IsDefinition);
