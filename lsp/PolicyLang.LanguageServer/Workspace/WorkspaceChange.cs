// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>A new snapshot and the paths of the documents that changed (opened, edited, closed, changed on disk).</summary>
public sealed record WorkspaceChange(WorkspaceSnapshot Snapshot, IReadOnlyCollection<string> ChangedPaths, IReadOnlyCollection<string> ClosedUris);
