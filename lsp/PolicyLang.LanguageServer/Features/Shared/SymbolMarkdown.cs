// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Builtins;
using PolicyLang.Compiler.Types;

namespace PolicyLang.LanguageServer.Features.Shared;

/// <summary>
/// The Markdown that describes a symbol, a schema field, a built-in or a type: shared by hover and completion so
/// both say the same thing. Docs come from the compiler (doc comments, Kubernetes API docs, the built-in catalogue).
/// </summary>
public static class SymbolMarkdown
{
    public static string Describe(Symbol symbol, SemanticModel model) => symbol switch
    {
        RuleSymbol rule => Join(Code(RuleSignature(rule)), rule.Documentation, RuleFacts(rule, model)),
        FunctionSymbol function => Join(Code("func " + FunctionSignature(function, model)), function.Documentation),
        ConstantSymbol constant => Join(Code($"{constant.KindName} {constant.Name}: {ConstantType(constant, model)}"), constant.Documentation),
        ParamSymbol param => Join(Code($"param {param.Name}: {param.Type}{(param.Declaration.Default is { } d ? " = " + param.Tree.Source[d.Span] : string.Empty)}"), param.Documentation, $"Policy parameter of `{param.Package.Name}`: set with `--param {param.Name}=…` or `with {param.Name} = …` in tests."),
        LocalSymbol local => Join(Code($"({local.KindName}) {local.Name}: {local.Type}"), TypeDocumentation(local.Type)),
        ImportSymbol import => Join(Code($"import {import.Package.Name}{(import.Syntax.Alias is null ? string.Empty : " as " + import.Name)}"), PackageDocumentation(import.Package)),
        PackageSymbol package => Join(Code("package " + package.Name), PackageDocumentation(package)),
        BuiltinSymbol builtin => Describe(builtin.Function),
        TestSymbol test => Code($"test \"{test.Name}\""),
        _ => Code(symbol.Name),
    };

    public static string Describe(BuiltinFunction function)
    {
        var builder = new StringBuilder();
        builder.Append("```policylang\n");
        foreach (var overload in function.Overloads)
        {
            builder.Append(overload.Signature).Append('\n');
        }

        builder.Append("```\n\n").Append(function.Summary);
        var parameters = function.Overloads.SelectMany(o => o.Parameters).Where(p => p.Documentation.Length > 0).DistinctBy(p => p.Name).ToArray();
        if (parameters.Length > 0)
        {
            builder.Append("\n\n");
            foreach (var parameter in parameters)
            {
                builder.Append("- `").Append(parameter.Name).Append("`: ").Append(parameter.Documentation).Append('\n');
            }
        }

        if (function.Overloads.Select(o => o.Example).FirstOrDefault(e => e is not null) is { } example)
        {
            builder.Append("\n\nExample: `").Append(example).Append('`');
        }

        return builder.ToString().TrimEnd();
    }

    public static string Describe(FieldSymbol field, ObjectType owner) => Join(
        Code($"{owner.Name}.{field.Name}: {field.Type}"),
        field.Documentation,
        field.KnownValues.Count > 0 ? "Values: " + string.Join(", ", field.KnownValues.Select(v => $"`\"{v}\"`")) : null);

    public static string Describe(TypeSymbol type) => Join(Code(type.Name), TypeDocumentation(type));

    public static string? TypeDocumentation(TypeSymbol type) => type switch
    {
        ObjectType objectType => objectType.Documentation,
        ListType { Element: ObjectType element } => element.Documentation,
        _ => null,
    };

    public static string FunctionSignature(FunctionSymbol function, SemanticModel model)
    {
        var returnType = function.DeclaredReturnType
            ?? model.Program.Packages.SelectMany(p => p.Functions).FirstOrDefault(f => ReferenceEquals(f.Symbol, function))?.ReturnType;
        return returnType is null ? $"{function.Name}({string.Join(", ", function.Parameters.Select(p => $"{p.Name}: {p.Type}"))})" : function.Signature(returnType);
    }

    public static string RuleSignature(RuleSymbol rule) => $"rule {rule.Name} on {rule.Declaration.Subject.Name} {rule.Declaration.Variable.Name}";

    private static string? RuleFacts(RuleSymbol rule, SemanticModel model)
    {
        var bound = model.Program.Packages.SelectMany(p => p.Rules).FirstOrDefault(r => ReferenceEquals(r.Symbol, rule));
        if (bound is null)
        {
            return null;
        }

        var metadata = bound.Metadata;
        var facts = $"id `{metadata.Id}` · severity `{metadata.Severity.ToString().ToLowerInvariant()}` · actions {string.Join(", ", bound.Actions.Select(a => a.ToString().ToLowerInvariant()))}";
        return metadata.Title is null ? facts : $"**{metadata.Title}**\n\n{facts}";
    }

    private static string ConstantType(ConstantSymbol constant, SemanticModel model) =>
        constant.DeclaredType?.Name
        ?? model.Program.Packages.SelectMany(p => p.Constants).FirstOrDefault(c => ReferenceEquals(c.Symbol, constant))?.Value.Type.Name
        ?? "?";

    private static string? PackageDocumentation(PackageSymbol package) =>
        package.Trees.Select(t => t.Root.Package?.Doc).FirstOrDefault(d => d is not null);

    private static string Code(string text) => $"```policylang\n{text}\n```";

    private static string Join(params string?[] parts) => string.Join("\n\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
}
