// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Protocol;

// Requests that change or annotate text: formatting, semantic tokens, code actions, rename, code lens, commands.

public sealed record FormattingOptions(int TabSize = 2, bool InsertSpaces = true);

public sealed record DocumentFormattingParams(TextDocumentIdentifier TextDocument, FormattingOptions? Options = null);

public sealed record DocumentRangeFormattingParams(TextDocumentIdentifier TextDocument, Range Range, FormattingOptions? Options = null);

public sealed record SemanticTokensParams(TextDocumentIdentifier TextDocument);

public sealed record SemanticTokensRangeParams(TextDocumentIdentifier TextDocument, Range Range);

/// <summary>Tokens as LSP encodes them: five integers per token (delta line, delta start, length, type, modifiers).</summary>
public sealed record SemanticTokens(IReadOnlyList<int> Data);

public sealed record CodeActionContext(IReadOnlyList<Diagnostic> Diagnostics, IReadOnlyList<string>? Only = null);

public sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext Context);

public sealed record CodeAction(string Title, string Kind, WorkspaceEdit Edit, IReadOnlyList<Diagnostic>? Diagnostics = null, bool? IsPreferred = null);

public static class CodeActionKinds
{
    public const string QuickFix = "quickfix";
    public const string Refactor = "refactor";
}

public sealed record PrepareRenameParams(TextDocumentIdentifier TextDocument, Position Position);

public sealed record PrepareRenameResult(Range Range, string Placeholder);

public sealed record RenameParams(TextDocumentIdentifier TextDocument, Position Position, string NewName);

public sealed record CodeLensParams(TextDocumentIdentifier TextDocument);

public sealed record CodeLens(Range Range, Command? Command = null);

