// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Admission.Tls;

namespace PolicyLang.Hosts.Admission.Policies;

/// <summary>
/// Watches the policy inputs and the TLS files: a file event (debounced) or the periodic check makes the policy store
/// and the certificate reload when their content changed. Periodic checks are the backstop for volumes where file
/// events are unreliable (Kubernetes ConfigMaps and Secrets swap a symlink).
/// </summary>
public sealed partial class ChangeWatcher : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly PolicyStore _store;
    private readonly CertificateStore? _certificates;
    private readonly AdmissionHostOptions _options;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _signal = new(0);
    private readonly List<FileSystemWatcher> _watchers = [];

    public ChangeWatcher(PolicyStore store, CertificateStore? certificates, AdmissionHostOptions options, ILogger<ChangeWatcher> logger)
    {
        _store = store;
        _certificates = certificates;
        _options = options;
        _logger = logger;
    }

    public override void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _signal.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var paths = _store.Source.WatchedPaths.Concat(_certificates?.Paths ?? []);
        foreach (var directory in paths.Select(DirectoryToWatch).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            try
            {
                var watcher = new FileSystemWatcher(directory) { IncludeSubdirectories = true, EnableRaisingEvents = false };
                watcher.Changed += (_, _) => Signal();
                watcher.Created += (_, _) => Signal();
                watcher.Deleted += (_, _) => Signal();
                watcher.Renamed += (_, _) => Signal();
                watcher.EnableRaisingEvents = true;
                _watchers.Add(watcher);
            }
            catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException)
            {
                LogNoEvents(_logger, directory, e.Message);
            }
        }

        // The first load runs at once; /readyz says ready when it succeeds.
        await Task.Run(CheckOnce, stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await _signal.WaitAsync(_options.ReloadInterval, stoppingToken).ConfigureAwait(false))
                {
                    // Let a burst of events (an editor's save, a ConfigMap swap) settle, then check once.
                    await Task.Delay(Debounce, stoppingToken).ConfigureAwait(false);
                    while (_signal.CurrentCount > 0)
                    {
                        await _signal.WaitAsync(stoppingToken).ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }

            // Loading runs on this background thread, never on a request.
            await Task.Run(CheckOnce, stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Checks every input now (tests and the first load use it too).</summary>
    public void CheckOnce()
    {
        _store.Reload();
        _certificates?.Reload();
    }

    private void Signal()
    {
        if (_signal.CurrentCount == 0)
        {
            _signal.Release();
        }
    }

    private static string? DirectoryToWatch(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return full;
        }

        var parent = Path.GetDirectoryName(full);
        return parent is not null && Directory.Exists(parent) ? parent : null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "no file events for {Directory} ({Error}); changes are found by the periodic check")]
    private static partial void LogNoEvents(ILogger logger, string directory, string error);
}
