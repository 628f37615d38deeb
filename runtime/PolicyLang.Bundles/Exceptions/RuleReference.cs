// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Bundles.Exceptions;

/// <summary>
/// How exceptions and skip annotations name rules: a rule id (<c>PSS-R-002</c>), a rule by package and name
/// (<c>kubernetes.pod_security.restricted.allow_privilege_escalation</c>), or a whole package.
/// </summary>
public static class RuleReference
{
    public static bool Matches(string reference, string id, string policy, string rule) =>
        string.Equals(reference, id, StringComparison.Ordinal)
        || string.Equals(reference, policy, StringComparison.Ordinal)
        || (reference.Length == policy.Length + 1 + rule.Length
            && reference.StartsWith(policy, StringComparison.Ordinal)
            && reference[policy.Length] == '.'
            && reference.EndsWith(rule, StringComparison.Ordinal));

    public static bool Matches(string reference, RuleDescriptor rule) => Matches(reference, rule.Id, rule.Policy, rule.Name);

    /// <summary>The names a reference could have meant, for "did you mean" (ids first, then packages).</summary>
    public static IEnumerable<string> Candidates(IEnumerable<RuleDescriptor> rules)
    {
        var all = rules.ToArray();
        return all.Select(r => r.Id).Concat(all.Select(r => r.Policy)).Distinct(StringComparer.Ordinal);
    }
}
