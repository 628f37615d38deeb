// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// Owns the state of every document: applies the client's text changes, reads the workspace folders, and hands
/// out immutable snapshots and the compilations of their documents. The only writer of document state.
/// </summary>
public interface ICompilationManager
{
    WorkspaceSnapshot Current { get; }

    /// <summary>Raised after every change, with the new snapshot (on the thread that made the change).</summary>
    event EventHandler<WorkspaceChange>? Changed;

    void SetFolders(IReadOnlyList<string> folders);

    void AddFolders(IReadOnlyList<string> folders);

    void RemoveFolders(IReadOnlyList<string> folders);

    void Open(string uri, int version, string text);

    /// <summary>Applies incremental (ranged) and full changes, in order.</summary>
    void Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes);

    void Close(string uri);

    void Saved(string uri, string? text);

    void FilesChanged(IReadOnlyList<FileEvent> changes);

    /// <summary>The document with its compilation in the current snapshot, or null when the server does not know it.</summary>
    DocumentAnalysis? Analyze(string uri);

    DocumentAnalysis Analyze(WorkspaceSnapshot snapshot, PolicyDocument document);

    /// <summary>A compilation of exactly these documents (cached while they are unchanged).</summary>
    Compilation CompilationOf(IReadOnlyList<PolicyDocument> documents);
}
