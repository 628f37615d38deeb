// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Bundles.Loading;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>
/// Judges the cluster's objects with the manifest and workload rules of a policy set, all together: the objects are
/// the inventory, so cross-object rules (a Service selecting no pod) run too, unlike at admission. Mutations are not
/// audited. Also counts, per namespace, the rule and object pairs that passed.
/// </summary>
public sealed class AuditEvaluator
{
    private const string Cluster = "";

    private readonly LoadedPolicies _policies;
    private readonly PolicyEngine _engine;
    private readonly bool _needsInventory;
    private readonly Dictionary<string, RuleDescriptor> _descriptors;

    public AuditEvaluator(LoadedPolicies policies)
    {
        _policies = policies;
        _engine = new PolicyEngine(policies.Policies, policies.EngineOptions with
        {
            RuleFilter = r => r.Subject is SubjectKind.Manifest or SubjectKind.Workload && r.Actions.Any(a => a is FindingAction.Deny or FindingAction.Warn or FindingAction.Audit),
        });
        _needsInventory = _engine.Rules.Any(r => r.Descriptor.UsesInventory);
        _descriptors = _engine.Rules.Select(r => r.Descriptor).GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public LoadedPolicies Policies => _policies;

    /// <summary>The rules the audit runs.</summary>
    public IReadOnlyList<CompiledRule> Rules => _engine.Rules;

    public AuditResult Evaluate(IReadOnlyList<DocMap> objects, IReadOnlyList<string> excludeNamespaces, CancellationToken cancellationToken)
    {
        var manifests = new List<ManifestSubject>(objects.Count);
        foreach (var item in objects)
        {
            var manifest = new ManifestSubject(item, new SourceDocument("cluster", manifests.Count, item.Line));
            if (!IsExcluded(manifest, excludeNamespaces))
            {
                manifests.Add(manifest);
            }
        }

        var inventory = _needsInventory ? new Inventory(manifests) : Inventory.Empty;
        var namespaces = new Dictionary<string, NamespaceAudit>(StringComparer.Ordinal) { [Cluster] = new() };
        foreach (var manifest in manifests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (manifest.Kind == "Namespace" && manifest.Name is { Length: > 0 } name)
            {
                namespaces.TryAdd(name, new NamespaceAudit());
            }

            var group = manifest.Namespace is { Length: > 0 } ns ? ns : Cluster;
            if (!namespaces.TryGetValue(group, out var audit))
            {
                namespaces[group] = audit = new NamespaceAudit();
            }

            Judge(manifest, inventory, audit, cancellationToken);
        }

        return new AuditResult(namespaces, manifests.Count);
    }

    private void Judge(ManifestSubject manifest, IInventory inventory, NamespaceAudit audit, CancellationToken cancellationToken)
    {
        var subject = new AuditedObject(manifest.ApiVersion ?? string.Empty, manifest.Kind ?? string.Empty, manifest.Namespace, manifest.Name ?? string.Empty, Uid(manifest.Root));
        var result = _engine.EvaluateManifest(manifest, inventory, cancellationToken);
        var judged = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in result.Findings)
        {
            if (Entry(subject, finding) is { } entry)
            {
                audit.Entries.Add(entry);
                judged.Add(finding.Id);
            }
        }

        foreach (var error in result.Errors)
        {
            audit.Entries.Add(new AuditEntry { Object = subject, Result = "error", Policy = "policylang", Rule = "input", Message = error.Message });
        }

        if (result.Errors.Count == 0)
        {
            audit.Pass += ApplicableRules(manifest).Count(id => !judged.Contains(id));
        }
    }

    private AuditEntry? Entry(AuditedObject subject, Finding finding)
    {
        var result = finding switch
        {
            { IsSkipped: true } => "skip",
            { Action: FindingAction.Deny } => "fail",
            { Action: FindingAction.Warn or FindingAction.Audit } => "warn",
            { Action: FindingAction.Error } => "error",
            _ => null,
        };
        if (result is null)
        {
            return null;
        }

        var properties = new Dictionary<string, string>(StringComparer.Ordinal) { ["action"] = finding.Action.ToString().ToLowerInvariant() };
        if (finding.Path is { } path)
        {
            properties["path"] = path;
        }

        if (finding.SkippedReason is { } reason)
        {
            properties["reason"] = reason;
        }

        if (_descriptors.TryGetValue(finding.Id, out var rule))
        {
            properties["enforcement"] = _policies.EnforcementOf(rule).ToString().ToLowerInvariant();
        }

        return new AuditEntry
        {
            Object = subject,
            Result = result,
            Policy = finding.Policy,
            Rule = finding.Id,
            Message = finding.Message,
            Severity = finding.Action == FindingAction.Error ? null : finding.Severity,
            Properties = properties,
        };
    }

    /// <summary>The ids of the rules that apply to an object: in scope (with the bindings' scopes), and workload rules only where there is a pod template.</summary>
    private IEnumerable<string> ApplicableRules(ManifestSubject manifest)
    {
        IDictionary<string, string>? labels;
        try
        {
            labels = manifest.Metadata.Labels;
        }
        catch (SubjectConversionException)
        {
            yield break;
        }

        bool? hasWorkload = null;
        foreach (var rule in _engine.Rules)
        {
            var descriptor = rule.Descriptor;
            if (!ScopeOf(descriptor).Matches(manifest.Kind, manifest.Namespace, manifest.Name, labels, null))
            {
                continue;
            }

            if (descriptor.Subject == SubjectKind.Workload && !(hasWorkload ??= HasWorkload(manifest)))
            {
                continue;
            }

            yield return descriptor.Id;
        }
    }

    private RuleScope ScopeOf(RuleDescriptor rule)
    {
        var overrides = _policies.EngineOptions.ScopeOverrides;
        return overrides.TryGetValue(rule.Id, out var byRule) ? rule.Scope.Narrow(byRule)
            : overrides.TryGetValue(rule.Policy, out var byPolicy) ? rule.Scope.Narrow(byPolicy)
            : rule.Scope;
    }

    private static bool HasWorkload(ManifestSubject manifest)
    {
        try
        {
            return Workload.From(manifest) is not null;
        }
        catch (SubjectConversionException)
        {
            return false;
        }
    }

    private static bool IsExcluded(ManifestSubject manifest, IReadOnlyList<string> excludeNamespaces)
    {
        var ns = manifest.Namespace is { Length: > 0 } n ? n : manifest.Kind == "Namespace" ? manifest.Name : null;
        return ns is not null && excludeNamespaces.Any(pattern => SimpleGlob.IsMatch(pattern, ns));
    }

    private static string? Uid(DocMap root) => ((root["metadata"] as DocMap)?["uid"] as DocScalar)?.AsString();
}
