// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;

namespace PolicyLang.LanguageServer.Protocol;

public sealed record WorkspaceFolder(string Uri, string Name);

/// <summary>The parts of <c>initialize</c>'s parameters the server reads; client capabilities are kept raw.</summary>
public sealed record InitializeParams(
    int? ProcessId = null,
    string? RootUri = null,
    string? RootPath = null,
    IReadOnlyList<WorkspaceFolder>? WorkspaceFolders = null,
    JsonElement? Capabilities = null,
    JsonElement? InitializationOptions = null,
    string? Trace = null);

public sealed record ServerInfo(string Name, string Version);

public sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);

public sealed record TextDocumentSyncOptions(bool OpenClose, int Change, SaveOptions Save);

public sealed record SaveOptions(bool IncludeText);

public sealed record CompletionOptions(IReadOnlyList<string> TriggerCharacters, bool ResolveProvider);

public sealed record SignatureHelpOptions(IReadOnlyList<string> TriggerCharacters, IReadOnlyList<string> RetriggerCharacters);

public sealed record SemanticTokensLegend(IReadOnlyList<string> TokenTypes, IReadOnlyList<string> TokenModifiers);

public sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Range, bool Full);

public sealed record CodeActionOptions(IReadOnlyList<string> CodeActionKinds);

public sealed record RenameOptions(bool PrepareProvider);

public sealed record CodeLensOptions(bool ResolveProvider);

public sealed record ExecuteCommandOptions(IReadOnlyList<string> Commands);

public sealed record WorkspaceFoldersServerCapabilities(bool Supported, bool ChangeNotifications);

public sealed record WorkspaceServerCapabilities(WorkspaceFoldersServerCapabilities WorkspaceFolders);

/// <summary>What the server offers (LSP 3.17 <c>ServerCapabilities</c>, the members the server fills).</summary>
public sealed record ServerCapabilities
{
    public string PositionEncoding { get; init; } = "utf-16";

    public TextDocumentSyncOptions? TextDocumentSync { get; init; }

    public CompletionOptions? CompletionProvider { get; init; }

    public bool HoverProvider { get; init; }

    public SignatureHelpOptions? SignatureHelpProvider { get; init; }

    public bool DefinitionProvider { get; init; }

    public bool ReferencesProvider { get; init; }

    public bool DocumentSymbolProvider { get; init; }

    public bool WorkspaceSymbolProvider { get; init; }

    public bool DocumentFormattingProvider { get; init; }

    public bool DocumentRangeFormattingProvider { get; init; }

    public SemanticTokensOptions? SemanticTokensProvider { get; init; }

    public CodeActionOptions? CodeActionProvider { get; init; }

    public RenameOptions? RenameProvider { get; init; }

    public CodeLensOptions? CodeLensProvider { get; init; }

    public ExecuteCommandOptions? ExecuteCommandProvider { get; init; }

    public WorkspaceServerCapabilities? Workspace { get; init; }
}

/// <summary><c>window/logMessage</c> and <c>window/showMessage</c>.</summary>
public sealed record LogMessageParams(int Type, string Message);

public static class MessageType
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Info = 3;
    public const int Log = 4;
}
