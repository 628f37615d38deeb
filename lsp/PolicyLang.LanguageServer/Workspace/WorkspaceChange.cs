// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// The snapshots before and after a change, and the paths of the documents that changed (opened, edited, closed,
/// changed on disk) and the URIs of documents the client closed. <see cref="IsOpen"/> marks a document just opened,
/// whose diagnostics are wanted at once rather than after typing pauses.
/// </summary>
public sealed record WorkspaceChange(WorkspaceSnapshot Previous, WorkspaceSnapshot Snapshot, IReadOnlyCollection<string> ChangedPaths, IReadOnlyCollection<string> ClosedUris, bool IsOpen = false);
