// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using PolicyLang.Bundles;
using PolicyLang.Hosts.Admission.Policies;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>
/// The audit: lists the cluster's objects, judges them with the policies, writes PolicyReports. Once
/// (<see cref="RunOnceAsync"/>), or continuously (<see cref="WatchAsync"/>): every resource is watched from its list's
/// version, and at most every <see cref="AuditOptions.Interval"/>, when objects or policies changed, the audit runs
/// again and writes the reports that changed.
/// </summary>
public sealed partial class AuditRunner
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly ClusterLister _lister;
    private readonly IPolicySource _source;
    private readonly IReportSink _sink;
    private readonly AuditOptions _options;
    private readonly ILogger _logger;
    private readonly Func<DateTimeOffset> _clock;
    private readonly ClusterCache _cache = new();
    private readonly Dictionary<string, string> _written = new(StringComparer.Ordinal);
    private readonly Dictionary<AuditResource, string?> _versions = [];
    private AuditEvaluator? _evaluator;
    private string? _policyFingerprint;

    public AuditRunner(ClusterLister lister, IPolicySource source, IReportSink sink, AuditOptions options, ILogger logger, Func<DateTimeOffset>? clock = null)
    {
        _lister = lister;
        _source = source;
        _sink = sink;
        _options = options;
        _logger = logger;
        _clock = clock ?? (static () => DateTimeOffset.UtcNow);
    }

    public AuditMetrics Metrics { get; } = new();

    /// <summary>Lists everything, judges it and writes the reports.</summary>
    /// <exception cref="AuditException">Listing failed.</exception>
    /// <exception cref="BundleException">The policies cannot be loaded.</exception>
    public async Task<AuditRun> RunOnceAsync(CancellationToken cancellationToken)
    {
        ReloadPolicies(initial: true);
        await ListAllAsync(cancellationToken).ConfigureAwait(false);
        return await AuditAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Audits, then keeps the reports current until cancelled. Failures are logged, counted and retried.</summary>
    public async Task WatchAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (true)
        {
            try
            {
                await RunOnceAsync(cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (e is AuditException or BundleException)
            {
                Metrics.RunFailed();
                LogRunFailed(_logger, e.Message, backoff.TotalSeconds);
                await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                backoff = Next(backoff);
            }
        }

        var watches = _versions.Select(v => Task.Run(() => WatchResourceAsync(v.Key, v.Value, cancellationToken), cancellationToken)).ToArray();
        var audited = _cache.Version;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(_options.Interval, cancellationToken).ConfigureAwait(false);
                var policiesChanged = ReloadPolicies(initial: false);
                var version = _cache.Version;
                if (version == audited && !policiesChanged)
                {
                    continue;
                }

                audited = version;
                await AuditAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }

        await Task.WhenAll(watches.Select(w => w.ContinueWith(static _ => { }, TaskScheduler.Default))).ConfigureAwait(false);
    }

    private async Task ListAllAsync(CancellationToken cancellationToken)
    {
        foreach (var resource in _options.Resources)
        {
            var list = await _lister.ListAsync(resource, cancellationToken).ConfigureAwait(false);
            if (list.Served)
            {
                _cache.Replace(list);
                _versions[resource] = list.ResourceVersion;
            }
            else
            {
                LogNotServed(_logger, resource.ListPath);
            }
        }
    }

    private async Task WatchResourceAsync(AuditResource resource, string? version, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        var expiredInARow = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (version is null)
                {
                    version = await RelistAsync(resource, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                version = await _lister.WatchAsync(resource, version, _options.WatchTimeout, (type, item) => _cache.Apply(resource, type, item), cancellationToken).ConfigureAwait(false);
                Metrics.WatchRestart("ended");
                backoff = TimeSpan.FromSeconds(1);
                expiredInARow = 0;
            }
            catch (ResourceVersionExpiredException e)
            {
                Metrics.WatchRestart("expired");
                LogExpired(_logger, e.Message);
                version = null;

                // Listing again is the remedy; when even a fresh list's version expires at once, slow down.
                if (expiredInARow++ > 0)
                {
                    try
                    {
                        await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    backoff = Next(backoff);
                }
            }
            catch (AuditException e)
            {
                Metrics.WatchRestart("error");
                LogWatchFailed(_logger, e.Message, backoff.TotalSeconds);
                version = null;
                try
                {
                    await Task.Delay(backoff, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = Next(backoff);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task<string?> RelistAsync(AuditResource resource, CancellationToken cancellationToken)
    {
        var list = await _lister.ListAsync(resource, cancellationToken).ConfigureAwait(false);
        _cache.Replace(list);
        return list.ResourceVersion ?? string.Empty;
    }

    /// <summary>Judges the cached objects and writes the reports whose content changed.</summary>
    private async Task<AuditRun> AuditAsync(CancellationToken cancellationToken)
    {
        var evaluator = _evaluator ?? throw new InvalidOperationException("no policies loaded");
        var started = Stopwatch.GetTimestamp();
        var result = evaluator.Evaluate(_cache.Snapshot(), _options.ExcludeNamespaces, cancellationToken);
        var now = _clock();
        int written = 0, unchanged = 0;
        var failures = new List<string>();
        foreach (var (ns, audit) in result.Namespaces.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            // Timestamps aside, an unchanged report is not written again.
            var fingerprint = Fingerprint(PolicyReportBuilder.Build(ns, audit, _options, DateTimeOffset.UnixEpoch).ToJsonString());
            if (_written.TryGetValue(ns, out var previous) && previous == fingerprint)
            {
                unchanged++;
                continue;
            }

            try
            {
                await _sink.WriteAsync(PolicyReportBuilder.Build(ns, audit, _options, now), cancellationToken).ConfigureAwait(false);
                _written[ns] = fingerprint;
                written++;
            }
            catch (AuditException e)
            {
                failures.Add(e.Message);
                LogWriteFailed(_logger, e.Message);
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        Metrics.Run(result, written, failures.Count, elapsed, now);
        LogAudited(_logger, result.ObjectCount, evaluator.Rules.Count, result.Count("fail"), result.Count("warn"), result.Count("error"), result.Count("skip"), result.Pass, written, unchanged, failures.Count, Math.Round(elapsed.TotalMilliseconds, 1));
        return new AuditRun(result, evaluator.Rules.Count, written, unchanged, failures);
    }

    /// <summary>Loads the policies when their inputs changed. True when a new set is in use.</summary>
    /// <exception cref="BundleException">Only when <paramref name="initial"/>: the first set cannot be loaded.</exception>
    private bool ReloadPolicies(bool initial)
    {
        string fingerprint;
        try
        {
            fingerprint = _source.Fingerprint();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (initial && _evaluator is null)
            {
                throw new BundleException($"{_source.Description}: cannot be read: {e.Message}", e);
            }

            return false;
        }

        if (fingerprint == _policyFingerprint)
        {
            return false;
        }

        try
        {
            var loaded = _source.Load();
            var previous = _evaluator;
            _evaluator = new AuditEvaluator(loaded);
            _policyFingerprint = fingerprint;
            _written.Clear();
            previous?.Policies.Unload();
            LogPolicies(_logger, loaded.Origin, loaded.PolicyCount, _evaluator.Rules.Count);
            return true;
        }
        catch (BundleException e) when (!initial || _evaluator is not null)
        {
            _policyFingerprint = fingerprint;
            Metrics.PolicyReloadFailed();
            LogPolicyRejected(_logger, _source.Description, e.Message);
            return false;
        }
    }

    private static string Fingerprint(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static TimeSpan Next(TimeSpan backoff) => backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;

    [LoggerMessage(Level = LogLevel.Information, Message = "audited {Objects} objects with {Rules} rules: {Fail} fail, {Warn} warn, {Error} error, {Skip} skip, {Pass} pass; reports: {Written} written, {Unchanged} unchanged, {Failed} failed ({DurationMs} ms)")]
    private static partial void LogAudited(ILogger logger, int objects, int rules, int fail, int warn, int error, int skip, int pass, int written, int unchanged, int failed, double durationMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "auditing with the policies from {Origin}: {Policies} policies, {Rules} rules")]
    private static partial void LogPolicies(ILogger logger, string origin, int policies, int rules);

    [LoggerMessage(Level = LogLevel.Error, Message = "new policies from {Source} rejected; the previous ones keep auditing: {Error}")]
    private static partial void LogPolicyRejected(ILogger logger, string source, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} is not served by this cluster; not audited")]
    private static partial void LogNotServed(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "the audit could not run: {Error}; trying again in {Seconds} s")]
    private static partial void LogRunFailed(ILogger logger, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Error}; listing again")]
    private static partial void LogExpired(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Error}; listing again in {Seconds} s")]
    private static partial void LogWatchFailed(ILogger logger, string error, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Error}")]
    private static partial void LogWriteFailed(ILogger logger, string error);
}
