// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>The audit's metrics in the Prometheus text format (served by <c>policylang audit --watch --metrics-port</c>).</summary>
public sealed class AuditMetrics
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _watchRestarts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private AuditResult? _last;
    private long _runs;
    private long _runFailures;
    private long _reportsWritten;
    private long _reportWriteFailures;
    private long _policyReloadFailures;
    private double _lastRunSeconds;
    private double _lastRunTimestamp;

    /// <summary>True once an audit has completed (the readiness of the watching audit).</summary>
    public bool HasRun => Interlocked.Read(ref _runs) > 0;

    public void Run(AuditResult result, int written, int failedWrites, TimeSpan duration, DateTimeOffset at)
    {
        lock (_lock)
        {
            _last = result;
            _lastRunSeconds = duration.TotalSeconds;
            _lastRunTimestamp = at.ToUnixTimeMilliseconds() / 1000.0;
        }

        Interlocked.Increment(ref _runs);
        Interlocked.Add(ref _reportsWritten, written);
        Interlocked.Add(ref _reportWriteFailures, failedWrites);
    }

    public void RunFailed() => Interlocked.Increment(ref _runFailures);

    public void PolicyReloadFailed() => Interlocked.Increment(ref _policyReloadFailures);

    /// <summary>Counts a watch that had to start again: expired (410 Gone, listed again), error, or ended (renewed).</summary>
    public void WatchRestart(string reason) => Interlocked.Increment(ref _watchRestarts.GetOrAdd(reason, static _ => new StrongBox<long>()).Value);

    public long WatchRestarts(string reason) => _watchRestarts.TryGetValue(reason, out var count) ? Interlocked.Read(ref count.Value) : 0;

    public string Write()
    {
        AuditResult? last;
        double seconds, timestamp;
        lock (_lock)
        {
            (last, seconds, timestamp) = (_last, _lastRunSeconds, _lastRunTimestamp);
        }

        var output = new StringBuilder();
        Line(output, "policylang_audit_runs_total", "counter", "Audits completed.", Interlocked.Read(ref _runs));
        Line(output, "policylang_audit_run_failures_total", "counter", "Audits that could not complete (listing failed, policies could not load).", Interlocked.Read(ref _runFailures));
        Line(output, "policylang_audit_reports_written_total", "counter", "Reports written (unchanged ones are not written again).", Interlocked.Read(ref _reportsWritten));
        Line(output, "policylang_audit_report_write_failures_total", "counter", "Reports the API server did not accept.", Interlocked.Read(ref _reportWriteFailures));
        Line(output, "policylang_audit_policy_reload_failures_total", "counter", "New policy sets rejected (the old one kept auditing).", Interlocked.Read(ref _policyReloadFailures));
        Header(output, "policylang_audit_watch_restarts_total", "counter", "Watches started again, by reason (expired, error, ended).");
        foreach (var (reason, count) in _watchRestarts.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.Append(CultureInfo.InvariantCulture, $"policylang_audit_watch_restarts_total{{reason=\"{reason}\"}} {Interlocked.Read(ref count.Value)}\n");
        }

        Line(output, "policylang_audit_objects", "gauge", "Objects judged by the last audit.", last?.ObjectCount ?? 0);
        Header(output, "policylang_audit_results", "gauge", "Results of the last audit, by result.");
        foreach (var result in new[] { "pass", "fail", "warn", "error", "skip" })
        {
            var count = last is null ? 0 : result == "pass" ? last.Pass : last.Count(result);
            output.Append(CultureInfo.InvariantCulture, $"policylang_audit_results{{result=\"{result}\"}} {count}\n");
        }

        Header(output, "policylang_audit_last_run_duration_seconds", "gauge", "How long the last audit took (evaluation and writing).");
        output.Append(CultureInfo.InvariantCulture, $"policylang_audit_last_run_duration_seconds {seconds.ToString("R", CultureInfo.InvariantCulture)}\n");
        Header(output, "policylang_audit_last_run_timestamp_seconds", "gauge", "When the last audit completed (Unix time).");
        output.Append(CultureInfo.InvariantCulture, $"policylang_audit_last_run_timestamp_seconds {timestamp.ToString("R", CultureInfo.InvariantCulture)}\n");
        return output.ToString();
    }

    private static void Header(StringBuilder output, string name, string type, string help) =>
        output.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static void Line(StringBuilder output, string name, string type, string help, long value)
    {
        Header(output, name, type, help);
        output.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
    }
}
