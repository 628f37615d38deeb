// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Syntax;
using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Features.DocumentSymbols;

/// <summary>How declarations show in outlines and symbol searches: their LSP symbol kind and a one-line detail.</summary>
public static class DeclarationKinds
{
    public static int SymbolKindOf(DeclarationSyntax declaration) => declaration switch
    {
        RuleDeclarationSyntax => SymbolKind.Method,
        FunctionDeclarationSyntax => SymbolKind.Function,
        ConstantDeclarationSyntax { IsList: true } => SymbolKind.Array,
        ConstantDeclarationSyntax => SymbolKind.Constant,
        ParamDeclarationSyntax => SymbolKind.Variable,
        _ => SymbolKind.Event,
    };

    public static string NameOf(DeclarationSyntax declaration) => declaration is TestDeclarationSyntax ? $"test \"{declaration.Name.Name}\"" : declaration.Name.Name;

    public static string DetailOf(DeclarationSyntax declaration) => declaration switch
    {
        RuleDeclarationSyntax rule => $"rule on {rule.Subject.Name}",
        FunctionDeclarationSyntax function => $"func({string.Join(", ", function.Parameters.Select(p => $"{p.Name.Name}: {p.Type}"))}){(function.ReturnType is null ? string.Empty : ": " + function.ReturnType)}",
        ConstantDeclarationSyntax constant => constant.IsList ? "list" : "const",
        ParamDeclarationSyntax param => $"param: {param.Type}",
        _ => "test",
    };
}
