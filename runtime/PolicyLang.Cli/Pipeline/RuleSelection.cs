// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Bundles.Exceptions;
using PolicyLang.Cli.Output;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;

namespace PolicyLang.Cli.Pipeline;

/// <summary>
/// Which rules a run evaluates (<c>--rule</c>, <c>--tag</c>, <c>--severity</c>; each repeatable or comma-separated).
/// A rule runs when it matches one of the <c>--rule</c> patterns (rule id, <c>package.rule</c> or package; <c>*</c>
/// and <c>?</c> allowed), has one of the <c>--tag</c> tags (globs too) and one of the <c>--severity</c> severities;
/// an option not given selects everything.
/// </summary>
internal sealed record RuleSelection(IReadOnlyList<string> Rules, IReadOnlyList<string> Tags, IReadOnlyList<Severity> Severities)
{
    public static readonly RuleSelection Everything = new([], [], []);

    public bool IsEverything => Rules.Count == 0 && Tags.Count == 0 && Severities.Count == 0;

    public static bool TryCreate(IEnumerable<string> rules, IEnumerable<string> tags, IEnumerable<string> severities, out RuleSelection selection, out string? error)
    {
        selection = Everything;
        error = null;
        var parsed = new List<Severity>();
        foreach (var name in Split(severities))
        {
            if (!Names.TryParseSeverity(name, out var severity))
            {
                error = $"--severity {name}: expected info, low, medium, high or critical";
                return false;
            }

            parsed.Add(severity);
        }

        selection = new RuleSelection(Split(rules), Split(tags), parsed);
        return true;
    }

    public bool Includes(RuleDescriptor rule) =>
        (Rules.Count == 0 || Rules.Any(p => MatchesRule(p, rule)))
        && (Tags.Count == 0 || rule.Tags.Any(t => Tags.Any(p => SimpleGlob.IsMatch(p, t))))
        && (Severities.Count == 0 || Severities.Contains(rule.Severity));

    /// <summary>The patterns that select no loaded rule: a typo in a CI gate must not silently select nothing.</summary>
    public IReadOnlyList<string> Problems(IReadOnlyList<RuleDescriptor> rules)
    {
        var problems = new List<string>();
        var candidates = RuleReference.Candidates(rules).ToArray();
        foreach (var pattern in Rules.Where(p => !rules.Any(r => MatchesRule(p, r))))
        {
            var suggestion = Suggestions.Closest(pattern, candidates);
            problems.Add($"--rule {pattern}: no loaded rule matches{(suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")}");
        }

        var tags = rules.SelectMany(r => r.Tags).Distinct(StringComparer.Ordinal).ToArray();
        foreach (var pattern in Tags.Where(p => !tags.Any(t => SimpleGlob.IsMatch(p, t))))
        {
            var suggestion = Suggestions.Closest(pattern, tags);
            problems.Add($"--tag {pattern}: no loaded rule has this tag{(suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")}");
        }

        if (problems.Count == 0 && !IsEverything && !rules.Any(Includes))
        {
            problems.Add("--rule, --tag and --severity together select no rule");
        }

        return problems;
    }

    private static bool MatchesRule(string pattern, RuleDescriptor rule) =>
        pattern.Contains('*', StringComparison.Ordinal) || pattern.Contains('?', StringComparison.Ordinal)
            ? SimpleGlob.IsMatch(pattern, rule.Id) || SimpleGlob.IsMatch(pattern, rule.Policy + "." + rule.Name) || SimpleGlob.IsMatch(pattern, rule.Policy)
            : RuleReference.Matches(pattern, rule);

    private static string[] Split(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
}
