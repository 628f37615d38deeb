// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Syntax;

/// <summary>One source file: package, imports, declarations.</summary>
public sealed record CompilationUnitSyntax(
    PackageDeclarationSyntax? Package,
    IReadOnlyList<ImportSyntax> Imports,
    IReadOnlyList<DeclarationSyntax> Declarations,
    TextSpan Span) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Package, Imports, Declarations);
}

/// <summary><c>package a.b.c</c>, with the annotations and doc comment before it.</summary>
public sealed record PackageDeclarationSyntax(QualifiedNameSyntax Name, IReadOnlyList<AnnotationSyntax> Annotations, string? Doc, TextSpan Span) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Annotations, Name);
}

/// <summary><c>import a.b.c [as x]</c>.</summary>
public sealed record ImportSyntax(QualifiedNameSyntax Name, IdentifierSyntax? Alias, TextSpan Span) : SyntaxNode(Span)
{
    /// <summary>The name the import is used by: the alias, or the last part of the package name.</summary>
    public string LocalName => Alias?.Name ?? (Name.Parts.Count > 0 ? Name.Parts[^1].Name : string.Empty);

    public override IEnumerable<SyntaxNode> Children => Of(Name, Alias);
}
