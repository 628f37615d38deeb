// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Loading;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Hosts.Admission.Policies;

/// <summary>
/// One loaded policy set as the host serves it: an engine for validation (deny, warn, audit rules) and one for
/// mutation (rules with mutate statements), over the admission, manifest and workload rules. Immutable; swapped whole.
/// </summary>
public sealed class PolicySnapshot
{
    private readonly Dictionary<string, RuleDescriptor> _rules;

    public PolicySnapshot(LoadedPolicies policies, long generation)
    {
        Policies = policies;
        Generation = generation;
        var relevant = policies.EngineOptions with { RuleFilter = r => Serves(r) && r.Actions.Any(a => a is not FindingAction.Mutate) };
        Validation = new PolicyEngine(policies.Policies, relevant);
        Mutation = new PolicyEngine(policies.Policies, policies.EngineOptions with { RuleFilter = r => Serves(r) && r.Actions.Contains(FindingAction.Mutate) });
        CrossObjectRules = policies.Policies.Rules.Select(r => r.Descriptor).Where(r => IsAdmissionSubject(r) && r.UsesInventory).Select(r => r.Id).ToArray();
        _rules = policies.Policies.Rules.Select(r => r.Descriptor).GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public LoadedPolicies Policies { get; }

    /// <summary>Counts loads: 1 for the first policy set, then one more per successful reload.</summary>
    public long Generation { get; }

    public PolicyEngine Validation { get; }

    public PolicyEngine Mutation { get; }

    /// <summary>
    /// Rules that judge an object against the other objects evaluated with it (the inventory). A review carries one
    /// object and the host keeps no inventory of the cluster, so these would judge against nothing: they are not
    /// run at admission (CI and audit runs, which see every object, run them).
    /// </summary>
    public IReadOnlyList<string> CrossObjectRules { get; }

    public RuleDescriptor? Rule(string id) => _rules.GetValueOrDefault(id);

    public Enforcement EnforcementOf(string ruleId) => Rule(ruleId) is { } rule ? Policies.EnforcementOf(rule) : Enforcement.Deny;

    private static bool Serves(RuleDescriptor rule) => IsAdmissionSubject(rule) && !rule.UsesInventory;

    private static bool IsAdmissionSubject(RuleDescriptor rule) => rule.Subject is SubjectKind.Admission or SubjectKind.Manifest or SubjectKind.Workload;
}
