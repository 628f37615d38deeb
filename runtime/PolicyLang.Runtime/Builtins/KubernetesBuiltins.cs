// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Scopes;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Kubernetes helpers: label selectors and labels. Absent labels count as no labels, so <c>!app</c> matches an object
/// without labels.
/// </summary>
public static class KubernetesBuiltins
{
    [Builtin("selectorMatches", BuiltinCategories.Kubernetes, "True if the labels satisfy the selector in its string form (\"app=web,tier in (a,b),!canary\"); the empty selector matches everything. False if the selector is absent or malformed.", Example = "selectorMatches(\"app=web,env!=prod\", o.metadata.labels)", ConstantValidator = nameof(Validate))]
    public static bool SelectorMatches([Doc("A label selector: k=v, k!=v, k in (a,b), k notin (a,b), k, !k, joined by commas.")] string? selector, [Doc("The labels, e.g. o.metadata.labels.")] IDictionary<string, string>? labels)
    {
        if (selector is null || !LabelSelector.TryParse(selector, out var parsed, out _) || parsed is null)
        {
            return false;
        }

        return parsed.Matches(labels);
    }

    [Builtin("selectorMatches", BuiltinCategories.Kubernetes, "True if the labels have every key of matchLabels with the same value; an empty matchLabels matches everything. False if matchLabels is absent.", Example = "selectorMatches(w.spec.selector.matchLabels, w.spec.template.metadata.labels)")]
    public static bool SelectorMatches([Doc("The required labels (a selector's matchLabels).")] IDictionary<string, string>? matchLabels, [Doc("The labels, e.g. o.metadata.labels.")] IDictionary<string, string>? labels)
    {
        if (matchLabels is null)
        {
            return false;
        }

        foreach (var (key, value) in matchLabels)
        {
            if (labels is null || !labels.TryGetValue(key, out var actual) || !string.Equals(actual, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    [Builtin("selectorMatches", BuiltinCategories.Kubernetes, "True if the labels satisfy a LabelSelector object (matchLabels and matchExpressions with In, NotIn, Exists, DoesNotExist); an empty selector matches everything. False if the selector is absent or has an unknown operator.", Example = "selectorMatches(pdb.spec.selector, w.metadata.labels)")]
    public static bool SelectorMatches([Doc("A LabelSelector, e.g. a Deployment's spec.selector or a NetworkPolicy's podSelector.")] k8s.Models.V1LabelSelector? selector, [Doc("The labels, e.g. w.metadata.labels.")] IDictionary<string, string>? labels)
    {
        if (selector is null || (selector.MatchLabels is { } matchLabels && !SelectorMatches(matchLabels, labels)))
        {
            return false;
        }

        foreach (var requirement in selector.MatchExpressions ?? [])
        {
            string? value = null;
            var has = labels is not null && requirement.Key is not null && labels.TryGetValue(requirement.Key, out value);
            var values = requirement.Values ?? [];
            var ok = requirement.OperatorProperty switch
            {
                "In" => has && values.Contains(value ?? string.Empty),
                "NotIn" => !has || !values.Contains(value ?? string.Empty),
                "Exists" => has,
                "DoesNotExist" => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    [Builtin("hasLabel", BuiltinCategories.Kubernetes, "True if the labels have the key. False if the labels or key are absent.", Example = "hasLabel(o.metadata.labels, \"app.kubernetes.io/name\")")]
    public static bool HasLabel([Doc("The labels (or annotations).")] IDictionary<string, string>? labels, [Doc("The label key.")] string? key) =>
        labels is not null && key is not null && labels.ContainsKey(key);

    [Builtin("label", BuiltinCategories.Kubernetes, "The value of the label. Absent if the labels or key are absent, or the label is missing.", Example = "label(o.metadata.labels, \"app\") == \"web\"")]
    public static string? Label([Doc("The labels (or annotations).")] IDictionary<string, string>? labels, [Doc("The label key.")] string? key) =>
        labels is not null && key is not null && labels.TryGetValue(key, out var value) ? value : null;

    /// <summary>
    /// The constant validator of <c>selectorMatches</c>: a constant selector string (argument 0, among the arguments
    /// the policy writes) must parse. Returns the error message, or null. At run time a malformed selector gives false.
    /// </summary>
    public static string? Validate(int argumentIndex, object? constantValue) =>
        argumentIndex == 0 && constantValue is string selector && !LabelSelector.TryParse(selector, out _, out var error)
            ? error
            : null;
}
