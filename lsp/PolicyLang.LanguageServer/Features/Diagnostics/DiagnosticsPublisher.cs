// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Logging;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.Diagnostics;

/// <summary>
/// Publishes diagnostics for open documents after each change, debounced: a change schedules a check of every
/// open document whose compilation includes the changed file (its importers too), and a newer change cancels the
/// pending or running check of the same document. A result computed for a text that has since changed is dropped.
/// A document just opened is checked at once.
/// </summary>
public sealed class DiagnosticsPublisher : IDisposable
{
    private readonly ICompilationManager _manager;
    private readonly ILanguageClient _client;
    private readonly ServerLog _log;
    private readonly TimeSpan _delay;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _published = new(StringComparer.Ordinal);

    public DiagnosticsPublisher(ICompilationManager manager, ILanguageClient client, ServerLog log, TimeSpan delay)
    {
        _manager = manager;
        _client = client;
        _log = log;
        _delay = delay;
        _manager.Changed += OnChanged;
    }

    public void Dispose()
    {
        _manager.Changed -= OnChanged;
        foreach (var pending in _pending.Values)
        {
            pending.Cancel();
        }
    }

    private void OnChanged(object? sender, WorkspaceChange change)
    {
        foreach (var uri in change.ClosedUris)
        {
            Cancel(Utils.DocumentUri.ToPath(uri));
            if (_published.TryRemove(uri, out _))
            {
                _ = SendAsync(new PublishDiagnosticsParams(uri, []));
            }
        }

        // Dependents before the change count too: a deleted or renamed package leaves its importers to recheck.
        var affected = change.Snapshot.OpenDocumentsDependingOn(change.ChangedPaths).Select(d => d.Path)
            .Concat(change.Previous.OpenDocumentsDependingOn(change.ChangedPaths).Select(d => d.Path))
            .Where(path => change.Snapshot.Documents.GetValueOrDefault(path) is { IsOpen: true })
            .Distinct(StringComparer.Ordinal);
        foreach (var path in affected)
        {
            Schedule(path, immediate: change.IsOpen && change.ChangedPaths.Contains(path));
        }
    }

    private void Schedule(string path, bool immediate)
    {
        var cancellation = new CancellationTokenSource();
        _pending.AddOrUpdate(path, cancellation, (_, old) =>
        {
            if (!ReferenceEquals(old, cancellation))
            {
                old.Cancel();
            }

            return cancellation;
        });
        _ = Task.Run(() => CheckAsync(path, cancellation, immediate ? TimeSpan.Zero : _delay));
    }

    private void Cancel(string path)
    {
        if (_pending.TryRemove(path, out var pending))
        {
            pending.Cancel();
        }
    }

    private async Task CheckAsync(string path, CancellationTokenSource cancellation, TimeSpan delay)
    {
        var token = cancellation.Token;
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, token).ConfigureAwait(false);
            }

            var snapshot = _manager.Current;
            if (snapshot.Documents.GetValueOrDefault(path) is not { IsOpen: true } document)
            {
                return;
            }

            var analysis = _manager.Analyze(snapshot, document);
            token.ThrowIfCancellationRequested();
            var diagnostics = analysis.Diagnostics.Select(DiagnosticConverter.ToLsp).ToArray();
            token.ThrowIfCancellationRequested();
            if (!ReferenceEquals(_manager.Current.Documents.GetValueOrDefault(path), document))
            {
                return;
            }

            _published[document.Uri] = document.Path;
            await SendAsync(new PublishDiagnosticsParams(document.Uri, diagnostics, document.Version)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // A newer change superseded this check.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Error($"checking {path} failed", e);
        }
        finally
        {
            // Not disposed: a newer change may still cancel it, and a source without a timer holds nothing.
            _pending.TryRemove(new KeyValuePair<string, CancellationTokenSource>(path, cancellation));
        }
    }

    private async Task SendAsync(PublishDiagnosticsParams diagnostics)
    {
        try
        {
            await _client.PublishDiagnosticsAsync(diagnostics).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ObjectDisposedException or ConnectionLostException or IOException)
        {
            _log.Warning($"diagnostics for {diagnostics.Uri} not sent: {e.Message}");
        }
    }
}
