// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Syntax;

namespace PolicyLang.Baselines.Printers;

/// <summary>
/// The <c>.symbols</c> stage: every package with its members (kind, name, type), the imports of each file, and every
/// place a name refers to a symbol (definitions marked), as the language server's go-to-definition sees them.
/// </summary>
internal static class SymbolPrinter
{
    public static string Print(SemanticModel model, IReadOnlyList<SyntaxTree> trees)
    {
        var text = new StringBuilder();
        foreach (var package in model.Packages.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append("package ").Append(package.Name).Append('\n');
            foreach (var member in package.Members.Values.OrderBy(m => m.Name, StringComparer.Ordinal))
            {
                text.Append("  ").Append(member.KindName).Append(' ').Append(member.Name).Append(Details(member)).Append('\n');
            }
        }

        foreach (var tree in trees)
        {
            var imports = model.ImportsOf(tree);
            if (imports.Count > 0)
            {
                text.Append("imports of ").Append(tree.Source.Path).Append('\n');
                foreach (var (alias, import) in imports.OrderBy(i => i.Key, StringComparer.Ordinal))
                {
                    text.Append("  ").Append(alias).Append(" = ").Append(import.Package.Name).Append('\n');
                }
            }
        }

        foreach (var tree in trees)
        {
            text.Append("references in ").Append(tree.Source.Path).Append('\n');
            foreach (var reference in model.References.Where(r => r.Tree == tree).OrderBy(r => r.Span.Start).ThenBy(r => r.Span.Length))
            {
                text.Append("  ").Append(Positions.Of(tree.Source, reference.Span)).Append(' ').Append(Positions.Quote(tree.Source[reference.Span]))
                    .Append(reference.IsDefinition ? " defines " : " -> ").Append(Describe(reference.Symbol)).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Details(DeclaredSymbol member) => member switch
    {
        RuleSymbol rule => " on " + (rule.Declaration is RuleDeclarationSyntax r ? r.Subject.Name : "?"),
        FunctionSymbol function => $"({string.Join(", ", function.Parameters.Select(p => $"{p.Name}: {p.Type.Name}"))})" + (function.DeclaredReturnType is { } t ? $": {t.Name}" : string.Empty),
        ParamSymbol param => $": {param.Type.Name}",
        _ => string.Empty,
    };

    private static string Describe(Symbol symbol) => symbol switch
    {
        LocalSymbol local => $"local {local.Name}: {local.Type.Name}",
        DeclaredSymbol declared => $"{declared.KindName} {declared.Package.Name}.{declared.Name}",
        _ => $"{symbol.KindName} {symbol.Name}",
    };
}
