// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using PolicyLang.Hosts.Admission.Policies;

namespace PolicyLang.Hosts.Admission.Metrics;

/// <summary>The host's metrics, written in the Prometheus text format by <c>GET /metrics</c>.</summary>
public sealed class AdmissionMetrics
{
    private readonly ConcurrentDictionary<(string Endpoint, string Operation, string Decision, string Kind), StrongBox<long>> _requests = new();
    private readonly ConcurrentDictionary<string, LatencyHistogram> _latency = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, StrongBox<long>> _ruleErrors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Reason, string Mode), StrongBox<long>> _failures = new();
    private readonly ConcurrentDictionary<string, StrongBox<long>> _rejected = new(StringComparer.Ordinal);
    private long _reloads;
    private long _reloadFailures;
    private long _policies;
    private long _rules;
    private long _generation;
    private long _inFlight;

    /// <summary>Counts a review answered, by endpoint (validate, mutate), operation, decision and object kind.</summary>
    public void Request(string endpoint, string? operation, string decision, string? kind, TimeSpan duration)
    {
        Increment(_requests, (endpoint, operation ?? string.Empty, decision, kind ?? string.Empty));
        _latency.GetOrAdd(endpoint, static _ => new LatencyHistogram()).Record(duration);
    }

    /// <summary>Counts a rule that failed (threw, or could not read its subject) on a review.</summary>
    public void RuleError(string ruleId) => Increment(_ruleErrors, ruleId);

    /// <summary>Counts an answer given by the failure mode: reason timeout, rule_error, internal, overloaded or not_ready.</summary>
    public void Failure(string reason, string mode) => Increment(_failures, (reason, mode));

    /// <summary>Counts a request refused before evaluation: too_large, malformed, wrong_kind.</summary>
    public void Rejected(string reason) => Increment(_rejected, reason);

    public void Loaded(PolicySnapshot snapshot, bool reload)
    {
        if (reload)
        {
            Interlocked.Increment(ref _reloads);
        }

        Interlocked.Exchange(ref _policies, snapshot.Policies.PolicyCount);
        Interlocked.Exchange(ref _rules, snapshot.Policies.RuleCount);
        Interlocked.Exchange(ref _generation, snapshot.Generation);
    }

    public void ReloadFailed() => Interlocked.Increment(ref _reloadFailures);

    public void EnterRequest() => Interlocked.Increment(ref _inFlight);

    public void LeaveRequest() => Interlocked.Decrement(ref _inFlight);

    public long ReloadFailures => Interlocked.Read(ref _reloadFailures);

    public long Reloads => Interlocked.Read(ref _reloads);

    /// <summary>The number of reviews answered through the failure mode for a reason.</summary>
    public long Failures(string reason) => _failures.Where(f => f.Key.Reason == reason).Sum(f => Interlocked.Read(ref f.Value.Value));

    public string Write()
    {
        var output = new StringBuilder();
        Header(output, "policylang_admission_requests_total", "counter", "Admission reviews answered, by endpoint, operation, decision and object kind.");
        foreach (var (key, count) in _requests.OrderBy(r => r.Key))
        {
            output.Append(CultureInfo.InvariantCulture, $"policylang_admission_requests_total{{endpoint=\"{Escape(key.Endpoint)}\",operation=\"{Escape(key.Operation)}\",decision=\"{Escape(key.Decision)}\",kind=\"{Escape(key.Kind)}\"}} {Interlocked.Read(ref count.Value)}\n");
        }

        Header(output, "policylang_admission_request_duration_seconds", "histogram", "Time from the request to its answer (body read, evaluated, response built), by endpoint.");
        foreach (var (endpoint, histogram) in _latency.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            histogram.Write(output, "policylang_admission_request_duration_seconds", $"endpoint=\"{Escape(endpoint)}\"");
        }

        Header(output, "policylang_rule_evaluation_errors_total", "counter", "Rules that failed on a review, by rule id.");
        foreach (var (rule, count) in _ruleErrors.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.Append(CultureInfo.InvariantCulture, $"policylang_rule_evaluation_errors_total{{rule=\"{Escape(rule)}\"}} {Interlocked.Read(ref count.Value)}\n");
        }

        Header(output, "policylang_admission_failures_total", "counter", "Reviews answered by the failure mode, by reason and mode.");
        foreach (var (key, count) in _failures.OrderBy(f => f.Key))
        {
            output.Append(CultureInfo.InvariantCulture, $"policylang_admission_failures_total{{reason=\"{Escape(key.Reason)}\",mode=\"{Escape(key.Mode)}\"}} {Interlocked.Read(ref count.Value)}\n");
        }

        Header(output, "policylang_admission_rejected_requests_total", "counter", "Requests refused before evaluation (400, 413), by reason.");
        foreach (var (reason, count) in _rejected.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.Append(CultureInfo.InvariantCulture, $"policylang_admission_rejected_requests_total{{reason=\"{Escape(reason)}\"}} {Interlocked.Read(ref count.Value)}\n");
        }

        Header(output, "policylang_bundle_reloads_total", "counter", "Policy sets reloaded after a change.");
        output.Append(CultureInfo.InvariantCulture, $"policylang_bundle_reloads_total {Reloads}\n");
        Header(output, "policylang_bundle_reload_failures_total", "counter", "New policy sets rejected (the old one kept serving).");
        output.Append(CultureInfo.InvariantCulture, $"policylang_bundle_reload_failures_total {ReloadFailures}\n");
        Header(output, "policylang_policies", "gauge", "Policies being served.");
        output.Append(CultureInfo.InvariantCulture, $"policylang_policies {Interlocked.Read(ref _policies)}\n");
        Header(output, "policylang_rules", "gauge", "Rules being served.");
        output.Append(CultureInfo.InvariantCulture, $"policylang_rules {Interlocked.Read(ref _rules)}\n");
        Header(output, "policylang_policy_generation", "gauge", "Generation of the policy set being served (1 = first load).");
        output.Append(CultureInfo.InvariantCulture, $"policylang_policy_generation {Interlocked.Read(ref _generation)}\n");
        Header(output, "policylang_admission_in_flight", "gauge", "Reviews being evaluated now.");
        output.Append(CultureInfo.InvariantCulture, $"policylang_admission_in_flight {Interlocked.Read(ref _inFlight)}\n");
        return output.ToString();
    }

    private static void Header(StringBuilder output, string name, string type, string help) =>
        output.Append(CultureInfo.InvariantCulture, $"# HELP {name} {help}\n# TYPE {name} {type}\n");

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static void Increment<TKey>(ConcurrentDictionary<TKey, StrongBox<long>> counters, TKey key)
        where TKey : notnull =>
        Interlocked.Increment(ref counters.GetOrAdd(key, static _ => new StrongBox<long>()).Value);
}
