// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Serialization;

namespace PolicyLang.LanguageServer.Protocol;

// The basic structures of LSP 3.17 that the server uses. Property names are camelCased by the serializer; nulls are
// left out. Positions are 0-based lines and UTF-16 code units, which is what .NET strings index.

/// <summary>A position in a text document: 0-based line and UTF-16 character offset.</summary>
public sealed record Position(int Line, int Character);

/// <summary>A range: start inclusive, end exclusive.</summary>
public sealed record Range(Position Start, Position End);

public sealed record Location(string Uri, Range Range);

public sealed record TextEdit(Range Range, string NewText);

public sealed record TextDocumentIdentifier(string Uri);

public sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

public sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

public sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

/// <summary>Text for the user: <c>markdown</c> or <c>plaintext</c>.</summary>
public sealed record MarkupContent(string Kind, string Value)
{
    public static MarkupContent Markdown(string value) => new("markdown", value);
}

/// <summary>A command the client runs (or sends back to the server through <c>workspace/executeCommand</c>).</summary>
public sealed record Command(string Title, [property: JsonPropertyName("command")] string Name, IReadOnlyList<object?>? Arguments = null);

/// <summary>Edits per document URI.</summary>
public sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);

/// <summary>The error codes of JSON-RPC and LSP the server answers with.</summary>
public static class LspErrorCodes
{
    public const int InvalidRequest = -32600;
    public const int InvalidParams = -32602;
    public const int InternalError = -32603;
    public const int ServerNotInitialized = -32002;
    public const int RequestFailed = -32803;
    public const int ContentModified = -32801;
    public const int RequestCancelled = -32800;
}
