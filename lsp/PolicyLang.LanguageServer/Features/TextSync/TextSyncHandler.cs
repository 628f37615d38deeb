// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.TextSync;

/// <summary>
/// Document and workspace synchronisation: open, incremental change, close, save, watched files and workspace
/// folders. Notifications run inline, in the order the client sent them.
/// </summary>
public sealed class TextSyncHandler : ILspHandler
{
    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;

    public TextSyncHandler(ICompilationManager manager, RequestGuard guard)
    {
        _manager = manager;
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with
    {
        TextDocumentSync = new TextDocumentSyncOptions(OpenClose: true, TextDocumentSyncKind.Incremental, new SaveOptions(IncludeText: false)),
        Workspace = new WorkspaceServerCapabilities(new WorkspaceFoldersServerCapabilities(Supported: true, ChangeNotifications: true)),
    };

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams parameters) =>
        _guard.Notify("textDocument/didOpen", () => _manager.Open(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.TextDocument.Text));

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams parameters) =>
        _guard.Notify("textDocument/didChange", () => _manager.Change(parameters.TextDocument.Uri, parameters.TextDocument.Version, parameters.ContentChanges));

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams parameters) =>
        _guard.Notify("textDocument/didClose", () => _manager.Close(parameters.TextDocument.Uri));

    [JsonRpcMethod("textDocument/didSave", UseSingleObjectParameterDeserialization = true)]
    public void DidSave(DidSaveTextDocumentParams parameters) =>
        _guard.Notify("textDocument/didSave", () => _manager.Saved(parameters.TextDocument.Uri, parameters.Text));

    [JsonRpcMethod("workspace/didChangeWatchedFiles", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters) =>
        _guard.Notify("workspace/didChangeWatchedFiles", () => _manager.FilesChanged(parameters.Changes));

    [JsonRpcMethod("workspace/didChangeWorkspaceFolders", UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWorkspaceFolders(DidChangeWorkspaceFoldersParams parameters) => _guard.Notify("workspace/didChangeWorkspaceFolders", () =>
    {
        _manager.RemoveFolders(parameters.Event.Removed.Where(f => DocumentUri.IsFile(f.Uri)).Select(f => DocumentUri.ToPath(f.Uri)).ToArray());
        _manager.AddFolders(parameters.Event.Added.Where(f => DocumentUri.IsFile(f.Uri)).Select(f => DocumentUri.ToPath(f.Uri)).ToArray());
    });
}
