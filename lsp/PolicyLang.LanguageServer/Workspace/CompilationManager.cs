// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Text;
using PolicyLang.LanguageServer.Logging;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// The one owner of document state. Changes arrive in protocol order (the server dispatches notifications one at a
/// time); each makes a new immutable <see cref="WorkspaceSnapshot"/>, so requests read a consistent state without
/// locks while the next edit is applied. Compilations are cached by the identity of their documents, so unchanged
/// files are neither parsed nor bound again.
/// </summary>
public sealed class CompilationManager : ICompilationManager
{
    private const int MaxCachedCompilations = 64;

    private readonly ServerLog _log;
    private readonly object _gate = new();
    private readonly ConcurrentDictionary<string, Lazy<Compilation>> _compilations = new(StringComparer.Ordinal);
    private WorkspaceSnapshot _current = WorkspaceSnapshot.Empty;

    public CompilationManager(ServerLog log)
    {
        _log = log;
    }

    public WorkspaceSnapshot Current => Volatile.Read(ref _current);

    public event EventHandler<WorkspaceChange>? Changed;

    public void SetFolders(IReadOnlyList<string> folders) => Update(snapshot =>
    {
        var full = folders.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToImmutableArray();
        var next = snapshot.WithFolders(full);
        var changed = new List<string>();
        foreach (var closed in snapshot.Documents.Values.Where(d => !d.IsOpen))
        {
            next = next.Without(closed.Path);
            changed.Add(closed.Path);
        }

        return AddFolderFiles(next, full, changed);
    });

    public void AddFolders(IReadOnlyList<string> folders) => Update(snapshot =>
    {
        var added = folders.Select(Path.GetFullPath).Where(f => !snapshot.Folders.Contains(f)).ToImmutableArray();
        return AddFolderFiles(snapshot.WithFolders(snapshot.Folders.AddRange(added)), added, []);
    });

    public void RemoveFolders(IReadOnlyList<string> folders) => Update(snapshot =>
    {
        var removed = folders.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var remaining = snapshot.Folders.Where(f => !removed.Contains(f)).ToImmutableArray();
        var next = snapshot.WithFolders(remaining);
        var changed = new List<string>();
        foreach (var document in snapshot.Documents.Values.Where(d => !d.IsOpen && !remaining.Any(f => IsUnder(d.Path, f))))
        {
            next = next.Without(document.Path);
            changed.Add(document.Path);
        }

        return (next, changed, []);
    });

    public void Open(string uri, int version, string text) => Update(snapshot =>
    {
        var path = DocumentUri.ToPath(uri);
        var source = new SourceText(path, text);
        var document = snapshot.Documents.TryGetValue(path, out var existing)
            ? existing.AsOpen(uri, source, version)
            : new PolicyDocument(path, uri, source, version, isOpen: true);
        return (snapshot.With(document), [path], []);
    }, isOpen: true);

    public void Change(string uri, int version, IReadOnlyList<TextDocumentContentChangeEvent> changes) => Update(snapshot =>
    {
        var document = snapshot.Find(uri);
        if (document is null || !document.IsOpen)
        {
            // A change to a document that was never opened: only a full text can be trusted.
            if (changes.LastOrDefault(c => c.Range is null) is not { } full)
            {
                _log.Warning($"didChange for {uri}, which is not open; ignored");
                return (snapshot, [], []);
            }

            var path = DocumentUri.ToPath(uri);
            return (snapshot.With(new PolicyDocument(path, uri, new SourceText(path, full.Text), version, isOpen: true)), [path], []);
        }

        var text = document.Text;
        foreach (var change in changes)
        {
            text = Apply(text, change);
        }

        return (snapshot.With(document.WithText(text, version)), [document.Path], []);
    });

    public void Close(string uri) => Update(snapshot =>
    {
        var document = snapshot.Find(uri);
        if (document is null)
        {
            return (snapshot, [], [uri]);
        }

        // A closed file falls back to what is on disk (or leaves the workspace when it is not a workspace file).
        var onDisk = DocumentUri.IsFile(document.Uri) && snapshot.Folders.Any(f => IsUnder(document.Path, f)) ? TryRead(document.Path) : null;
        var next = onDisk is null ? snapshot.Without(document.Path) : snapshot.With(document.AsClosed(new SourceText(document.Path, onDisk)));
        return (next, [document.Path], [document.Uri]);
    });

    public void Saved(string uri, string? text)
    {
        // An open buffer already holds the saved text; nothing to do unless the client sends text that differs.
        if (text is not null && Current.Find(uri) is { IsOpen: true } document && document.Text.Text != text)
        {
            Change(uri, document.Version ?? 0, [new TextDocumentContentChangeEvent(text)]);
        }
    }

    public void FilesChanged(IReadOnlyList<FileEvent> changes) => Update(snapshot =>
    {
        var next = snapshot;
        var changed = new List<string>();
        foreach (var change in changes.Where(c => DocumentUri.IsFile(c.Uri)))
        {
            var path = DocumentUri.ToPath(change.Uri);
            if (!path.EndsWith(WorkspaceScanner.Extension, StringComparison.OrdinalIgnoreCase) || next.Documents.GetValueOrDefault(path) is { IsOpen: true })
            {
                continue;
            }

            if (change.Type == FileChangeType.Deleted)
            {
                next = next.Without(path);
            }
            else if (TryRead(path) is { } text)
            {
                next = next.With(new PolicyDocument(path, DocumentUri.FromPath(path), new SourceText(path, text), null, isOpen: false));
            }

            changed.Add(path);
        }

        return (next, changed, []);
    });

    public DocumentAnalysis? Analyze(string uri)
    {
        var snapshot = Current;
        return snapshot.Find(uri) is { } document ? Analyze(snapshot, document) : null;
    }

    public DocumentAnalysis Analyze(WorkspaceSnapshot snapshot, PolicyDocument document) =>
        new(snapshot, document, CompilationOf(snapshot.ClosureOf(document)));

    public Compilation CompilationOf(IReadOnlyList<PolicyDocument> documents)
    {
        var key = string.Join('|', documents.Select(d => d.Stamp).Order());
        if (_compilations.Count > MaxCachedCompilations)
        {
            _compilations.Clear();
        }

        return _compilations.GetOrAdd(key, _ => new Lazy<Compilation>(() => Compilation.Create(documents.Select(d => d.Tree)), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>Applies one change. A range outside the text is clamped into it (never an exception).</summary>
    public static SourceText Apply(SourceText text, TextDocumentContentChangeEvent change)
    {
        if (change.Range is null)
        {
            return new SourceText(text.Path, change.Text);
        }

        var span = PositionMapper.ToSpan(text, change.Range);
        var builder = new StringBuilder(text.Length - span.Length + change.Text.Length);
        builder.Append(text.Text, 0, span.Start).Append(change.Text).Append(text.Text, span.End, text.Length - span.End);
        return new SourceText(text.Path, builder.ToString());
    }

    private void Update(Func<WorkspaceSnapshot, (WorkspaceSnapshot Next, IReadOnlyCollection<string> Changed, IReadOnlyCollection<string> Closed)> change, bool isOpen = false)
    {
        WorkspaceChange result;
        lock (_gate)
        {
            var (next, changed, closed) = change(_current);
            if (ReferenceEquals(next, _current) && changed.Count == 0 && closed.Count == 0)
            {
                return;
            }

            result = new WorkspaceChange(_current, next, changed, closed, isOpen);
            Volatile.Write(ref _current, next);
        }

        Changed?.Invoke(this, result);
    }

    private (WorkspaceSnapshot, IReadOnlyCollection<string>, IReadOnlyCollection<string>) AddFolderFiles(WorkspaceSnapshot snapshot, IReadOnlyList<string> folders, List<string> changed)
    {
        var next = snapshot;
        foreach (var folder in folders)
        {
            var count = 0;
            foreach (var file in WorkspaceScanner.Find(folder))
            {
                var path = Path.GetFullPath(file);
                if (next.Documents.GetValueOrDefault(path) is { IsOpen: true } || TryRead(path) is not { } text)
                {
                    continue;
                }

                next = next.With(new PolicyDocument(path, DocumentUri.FromPath(path), new SourceText(path, text), null, isOpen: false));
                changed.Add(path);
                count++;
            }

            _log.Info($"workspace folder {folder}: {count} .policy files");
        }

        return (next, changed, []);
    }

    private string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Warning($"cannot read {path}: {e.Message}");
            return null;
        }
    }

    private static bool IsUnder(string path, string folder) =>
        path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
