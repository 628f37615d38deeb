// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;

namespace PolicyLang.LanguageServer.Features.Shared;

/// <summary>
/// Names a symbol so that it can be found again in another compilation (references and rename look in a larger
/// one than the document's): a declaration by kind and qualified name, a package by name, a local by its place.
/// </summary>
public static class SymbolIdentity
{
    public static string? Of(Symbol symbol) => symbol switch
    {
        DeclaredSymbol declared and not TestSymbol => $"{declared.KindName}:{declared.QualifiedName}",
        PackageSymbol package => "package:" + package.Name,
        ImportSymbol import => "package:" + import.Package.Name,
        LocalSymbol local => $"local:{local.Tree.Source.Path}:{local.DeclarationSpan.Start}",
        BuiltinSymbol builtin => "builtin:" + builtin.Name,
        _ => null,
    };
}
