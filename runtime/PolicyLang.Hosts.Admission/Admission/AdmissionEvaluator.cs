// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Admission.Metrics;
using PolicyLang.Hosts.Admission.Policies;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Hosts.Admission.Admission;

/// <summary>
/// Decides one review: namespace exclusion, evaluation under the deadline, enforcement of each finding, the failure
/// mode. Validation answers with denials, warnings and audit annotations; mutation with a JSON patch.
/// </summary>
public sealed class AdmissionEvaluator
{
    private const int MaxAnnotationKey = 63;

    private readonly PolicyStore _store;
    private readonly AdmissionHostOptions _options;
    private readonly AdmissionMetrics _metrics;
    private readonly string _mode;

    public AdmissionEvaluator(PolicyStore store, AdmissionHostOptions options, AdmissionMetrics metrics)
    {
        _store = store;
        _options = options;
        _metrics = metrics;
        _mode = options.FailureMode == FailureMode.Open ? "open" : "closed";
    }

    /// <summary>Decides a review for the validating (<paramref name="mutate"/> false) or the mutating webhook, within the configured deadline.</summary>
    public AdmissionDecision Evaluate(AdmissionSubject review, bool mutate)
    {
        using var deadline = new CancellationTokenSource(_options.Deadline);
        return Evaluate(review, mutate, deadline.Token);
    }

    /// <summary>Decides a review; evaluation stops when <paramref name="deadline"/> is cancelled.</summary>
    public AdmissionDecision Evaluate(AdmissionSubject review, bool mutate, CancellationToken deadline)
    {
        var uid = review.Uid ?? string.Empty;
        if (IsExcluded(review))
        {
            return new AdmissionDecision { Uid = uid, Allowed = true, Outcome = "excluded" };
        }

        // One read of the snapshot: a reload swapping it now does not affect this review.
        if (_store.Current is not { } snapshot)
        {
            return Fail(uid, "not_ready", "the policies are not loaded yet", []);
        }

        var engine = mutate ? snapshot.Mutation : snapshot.Validation;
        SubjectResult result;
        try
        {
            result = engine.EvaluateAdmission(review, null, deadline);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Fail(uid, "internal", $"internal error: {e.GetType().Name}: {e.Message}", []);
        }

        var errors = result.Findings.Where(f => f.Action == FindingAction.Error).ToList();
        if (deadline.IsCancellationRequested && errors.Count > 0)
        {
            return Fail(uid, "timeout", $"the evaluation passed its deadline of {_options.Deadline.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms", errors.Select(e => e.Id).Distinct().ToList());
        }

        var failures = new List<string>();
        foreach (var error in errors)
        {
            _metrics.RuleError(error.Id);
            failures.Add($"[{error.Id}] {error.Message}");
        }

        failures.AddRange(result.Errors.Select(e => e.Message));
        return mutate ? Mutation(review, snapshot, result, failures) : Validation(uid, snapshot, result, failures);
    }

    private AdmissionDecision Validation(string uid, PolicySnapshot snapshot, SubjectResult result, List<string> failures)
    {
        var denials = new List<string>();
        var warnings = new List<string>();
        var audits = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var rules = new List<string>();
        foreach (var finding in result.Findings)
        {
            if (finding.IsSkipped || finding.Action is not (FindingAction.Deny or FindingAction.Warn or FindingAction.Audit))
            {
                continue;
            }

            var enforcement = snapshot.EnforcementOf(finding.Id);
            var action = (finding.Action, enforcement) switch
            {
                (FindingAction.Deny, Enforcement.Deny) => FindingAction.Deny,
                (FindingAction.Deny or FindingAction.Warn, Enforcement.Deny or Enforcement.Warn) => FindingAction.Warn,
                _ => FindingAction.Audit,
            };
            var line = Describe(finding);
            rules.Add(finding.Id);
            switch (action)
            {
                case FindingAction.Deny:
                    denials.Add(line);
                    break;
                case FindingAction.Warn:
                    warnings.Add(line);
                    break;
                default:
                    var key = AnnotationKey(finding.Id);
                    if (!audits.TryGetValue(key, out var list))
                    {
                        audits[key] = list = [];
                    }

                    list.Add(finding.Path is null ? finding.Message : $"{finding.Message} (at {finding.Path})");
                    break;
            }
        }

        var annotations = audits.ToDictionary(a => a.Key, a => string.Join("; ", a.Value), StringComparer.Ordinal);
        if (failures.Count > 0)
        {
            _metrics.Failure("rule_error", _mode);
            if (_options.FailureMode == FailureMode.Closed)
            {
                denials.AddRange(failures.Select(f => "could not be evaluated: " + f));
            }
            else
            {
                warnings.AddRange(failures.Select(f => "could not be evaluated (allowed: the webhook fails open): " + f));
            }
        }

        var denied = denials.Count > 0;
        return new AdmissionDecision
        {
            Uid = uid,
            Allowed = !denied,
            Message = denied ? "denied by PolicyLang: " + string.Join("; ", denials) : null,
            Warnings = warnings,
            AuditAnnotations = annotations,
            Outcome = denied ? (failures.Count > 0 && _options.FailureMode == FailureMode.Closed ? "failed_closed" : "denied") : warnings.Count > 0 ? "warned" : "allowed",
            Rules = rules.Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private AdmissionDecision Mutation(AdmissionSubject review, PolicySnapshot snapshot, SubjectResult result, List<string> failures)
    {
        var uid = review.Uid ?? string.Empty;
        if (failures.Count > 0)
        {
            _metrics.Failure("rule_error", _mode);
            if (_options.FailureMode == FailureMode.Closed)
            {
                return new AdmissionDecision
                {
                    Uid = uid,
                    Allowed = false,
                    Code = 500,
                    Message = "PolicyLang could not compute the mutations (the webhook fails closed): " + string.Join("; ", failures),
                    Outcome = "failed_closed",
                };
            }
        }

        var mutations = result.Findings.Where(f => f.Action == FindingAction.Mutate && !f.IsSkipped).ToList();
        var ignored = new List<string>();
        var patch = review.Object is { } target && mutations.Count > 0
            ? JsonPatchBuilder.Build(mutations, target.Root, id => snapshot.Rule(id)?.Subject, ignored)
            : null;
        var warnings = failures.Select(f => "could not be evaluated (allowed: the webhook fails open): " + f).Concat(ignored.Select(i => "mutation not applied: " + i)).ToList();
        return new AdmissionDecision
        {
            Uid = uid,
            Allowed = true,
            Patch = patch,
            Warnings = warnings,
            Outcome = patch is not null ? "mutated" : "allowed",
            Rules = mutations.Select(m => m.Id).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    private AdmissionDecision Fail(string uid, string reason, string detail, IReadOnlyList<string> rules)
    {
        _metrics.Failure(reason, _mode);
        return _options.FailureMode == FailureMode.Closed
            ? new AdmissionDecision { Uid = uid, Allowed = false, Code = 500, Message = $"PolicyLang could not decide ({detail}); the webhook fails closed", Outcome = "failed_closed", Rules = rules }
            : new AdmissionDecision { Uid = uid, Allowed = true, Warnings = [$"PolicyLang could not decide ({detail}); allowed because the webhook fails open"], Outcome = "failed_open", Rules = rules };
    }

    /// <summary>Answers through the failure mode for a reason found outside evaluation (overload).</summary>
    public AdmissionDecision FailureAnswer(string uid, string reason, string detail) => Fail(uid, reason, detail, []);

    private bool IsExcluded(AdmissionSubject review)
    {
        var ns = review.Namespace is { Length: > 0 } n ? n : review.Kind.Kind == "Namespace" ? review.Name : null;
        if (ns is null)
        {
            return false;
        }

        foreach (var pattern in _options.ExcludedNamespaces)
        {
            if (SimpleGlob.IsMatch(pattern, ns))
            {
                return true;
            }
        }

        return false;
    }

    private static string Describe(Finding finding) =>
        finding.Path is null ? $"[{finding.Id}] {finding.Message}" : $"[{finding.Id}] {finding.Message} (at {finding.Path})";

    /// <summary>
    /// An audit annotation key from a rule id: the API server prefixes it with the webhook's name, so it must be a
    /// valid annotation name (63 characters of letters, digits, '-', '_', '.', starting and ending alphanumeric).
    /// </summary>
    public static string AnnotationKey(string ruleId)
    {
        var builder = new StringBuilder(ruleId.Length);
        foreach (var c in ruleId)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-');
        }

        var key = builder.ToString().Trim('-', '_', '.');
        if (key.Length == 0)
        {
            key = "rule";
        }

        if (key.Length > MaxAnnotationKey)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ruleId)))[..8];
            key = key[..(MaxAnnotationKey - 9)].TrimEnd('-', '_', '.') + "-" + hash;
        }

        return key;
    }
}
