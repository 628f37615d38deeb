// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;

namespace PolicyLang.LanguageServer.Protocol;

// Requests about a document's language: completion, hover, signature help, navigation, symbols.

public sealed record CompletionContext(int TriggerKind, string? TriggerCharacter = null);

public sealed record CompletionParams(TextDocumentIdentifier TextDocument, Position Position, CompletionContext? Context = null);

public sealed record CompletionItemLabelDetails(string? Detail = null, string? Description = null);

public sealed record CompletionItem
{
    public required string Label { get; init; }

    public CompletionItemLabelDetails? LabelDetails { get; init; }

    public int Kind { get; init; }

    public string? Detail { get; init; }

    public MarkupContent? Documentation { get; init; }

    public string? SortText { get; init; }

    public string? FilterText { get; init; }

    public string? InsertText { get; init; }

    /// <summary>1 plain text, 2 snippet.</summary>
    public int? InsertTextFormat { get; init; }

    public TextEdit? TextEdit { get; init; }
}

public sealed record CompletionList(bool IsIncomplete, IReadOnlyList<CompletionItem> Items);

public static class CompletionItemKind
{
    public const int Function = 3;
    public const int Field = 5;
    public const int Variable = 6;
    public const int Class = 7;
    public const int Module = 9;
    public const int Property = 10;
    public const int Value = 12;
    public const int Keyword = 14;
    public const int Snippet = 15;
    public const int EnumMember = 20;
    public const int Constant = 21;
    public const int Event = 23;
    public const int TypeParameter = 25;
}

public static class InsertTextFormat
{
    public const int PlainText = 1;
    public const int Snippet = 2;
}

public sealed record Hover(MarkupContent Contents, Range? Range = null);

public sealed record SignatureHelpParams(TextDocumentIdentifier TextDocument, Position Position, JsonElement? Context = null);

public sealed record ParameterInformation(string Label, MarkupContent? Documentation = null);

public sealed record SignatureInformation(string Label, MarkupContent? Documentation, IReadOnlyList<ParameterInformation> Parameters);

public sealed record SignatureHelp(IReadOnlyList<SignatureInformation> Signatures, int ActiveSignature, int ActiveParameter);

public sealed record ReferenceContext(bool IncludeDeclaration);

public sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context = null);

public sealed record DocumentSymbolParams(TextDocumentIdentifier TextDocument);

public sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, IReadOnlyList<DocumentSymbol>? Children = null);

public sealed record WorkspaceSymbolParams(string Query);

public sealed record SymbolInformation(string Name, int Kind, Location Location, string? ContainerName = null);

public static class SymbolKind
{
    public const int File = 1;
    public const int Module = 2;
    public const int Package = 4;
    public const int Method = 6;
    public const int Field = 8;
    public const int Function = 12;
    public const int Variable = 13;
    public const int Constant = 14;
    public const int Array = 18;
    public const int Event = 24;
}
