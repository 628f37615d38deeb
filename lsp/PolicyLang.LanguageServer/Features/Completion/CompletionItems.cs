// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Builtins;
using PolicyLang.Compiler.Types;
using PolicyLang.LanguageServer.Features.Shared;
using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Features.Completion;

/// <summary>Builds completion items; the sort text groups them (values and fields, locals, members, built-ins, keywords).</summary>
public static partial class CompletionItems
{
    public const string ValueGroup = "0";
    public const string LocalGroup = "1";
    public const string MemberGroup = "2";
    public const string BuiltinGroup = "3";
    public const string KeywordGroup = "4";

    public static CompletionItem Field(FieldSymbol field, ObjectType owner) => new()
    {
        Label = field.Name,
        Kind = CompletionItemKind.Field,
        Detail = field.Type.Name,
        LabelDetails = new CompletionItemLabelDetails(Description: field.Type.Name),
        Documentation = MarkupContent.Markdown(SymbolMarkdown.Describe(field, owner)),
        InsertText = IdentifierPattern().IsMatch(field.Name) ? field.Name : $"`{field.Name}`",
        FilterText = field.Name,
        SortText = ValueGroup + field.Name,
    };

    public static CompletionItem? Symbol(Symbol symbol, SemanticModel model) => symbol switch
    {
        LocalSymbol local => Make(local.Name, CompletionItemKind.Variable, local.Type.Name, SymbolMarkdown.Describe(local, model), LocalGroup),
        FunctionSymbol function => Make(function.Name, CompletionItemKind.Function, SymbolMarkdown.FunctionSignature(function, model), SymbolMarkdown.Describe(function, model), MemberGroup),
        ConstantSymbol constant => Make(constant.Name, CompletionItemKind.Constant, constant.KindName, SymbolMarkdown.Describe(constant, model), MemberGroup),
        ParamSymbol param => Make(param.Name, CompletionItemKind.Variable, "param: " + param.Type.Name, SymbolMarkdown.Describe(param, model), MemberGroup),
        ImportSymbol import => Make(import.Name, CompletionItemKind.Module, import.Package.Name, SymbolMarkdown.Describe(import, model), MemberGroup),
        RuleSymbol rule => Make(rule.Name, CompletionItemKind.Event, SymbolMarkdown.RuleSignature(rule), SymbolMarkdown.Describe(rule, model), MemberGroup),
        _ => null,
    };

    public static CompletionItem Builtin(BuiltinFunction function) => new()
    {
        Label = function.Name,
        Kind = CompletionItemKind.Function,
        Detail = function.Overloads[0].Signature + (function.Overloads.Count > 1 ? $" (+{function.Overloads.Count - 1} overloads)" : string.Empty),
        LabelDetails = new CompletionItemLabelDetails(Description: function.Category),
        Documentation = MarkupContent.Markdown(SymbolMarkdown.Describe(function)),
        SortText = BuiltinGroup + function.Name,
    };

    public static CompletionItem Keyword(string keyword, string? detail = null) => new()
    {
        Label = keyword,
        Kind = CompletionItemKind.Keyword,
        Detail = detail,
        SortText = KeywordGroup + keyword,
    };

    public static CompletionItem Snippet((string Label, string Detail, string Body) snippet, string group = KeywordGroup) => new()
    {
        Label = snippet.Label,
        Kind = CompletionItemKind.Snippet,
        Detail = snippet.Detail,
        InsertText = snippet.Body,
        InsertTextFormat = Protocol.InsertTextFormat.Snippet,
        SortText = group + snippet.Label,
    };

    /// <summary>An enum-like value (severity, operation, kind, a field's known value); quoted when it is written as a string.</summary>
    public static CompletionItem Value(string value, string detail, bool quoted) => new()
    {
        Label = quoted ? $"\"{value}\"" : value,
        Kind = CompletionItemKind.EnumMember,
        Detail = detail,
        InsertText = quoted ? $"\"{value}\"" : value,
        FilterText = quoted ? $"\"{value}\"" : value,
        SortText = ValueGroup + value,
    };

    public static CompletionItem Type(string name) => new()
    {
        Label = name,
        Kind = Schemas.FindNamed(name) is ObjectType ? CompletionItemKind.Class : CompletionItemKind.TypeParameter,
        Detail = "type",
        Documentation = Schemas.FindNamed(name) is { } type && SymbolMarkdown.TypeDocumentation(type) is { } doc ? MarkupContent.Markdown(doc) : null,
        SortText = (Schemas.FindNamed(name) is ObjectType ? MemberGroup : ValueGroup) + name,
    };

    private static CompletionItem Make(string label, int kind, string detail, string documentation, string group) => new()
    {
        Label = label,
        Kind = kind,
        Detail = detail,
        Documentation = MarkupContent.Markdown(documentation),
        SortText = group + label,
    };

    public static bool IsIdentifier(string name) => IdentifierPattern().IsMatch(name) && !LanguageFacts.Keywords.Contains(name);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex IdentifierPattern();
}
