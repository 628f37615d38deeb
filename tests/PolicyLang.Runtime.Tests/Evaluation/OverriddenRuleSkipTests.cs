// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;
using PolicyLang.Runtime.Subjects;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Evaluation;

/// <summary>
/// The engine does not run a workload rule on a subject where a rule overriding it has applied (its findings would be
/// dropped), running the overriding rules first. Checked against the definition of <c>@overrides</c> on generated
/// rule sets: run every rule in scope in order, then drop the findings of the rules an applying rule overrides.
/// Findings (errors included) and their order must be exactly that; only the skipped rules may go unrun.
/// </summary>
public sealed class OverriddenRuleSkipTests
{
    private enum Failure
    {
        None,
        InWhen,
        InBody,
    }

    /// <summary>What a generated rule does: fail in its <c>when</c> clause, or hold, apply, report, and perhaps fail after.</summary>
    private sealed record RuleBehaviour(string Name, string[] Overrides, bool InScope, bool Holds, int Reports, Failure Failure, bool Mutates);

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Findings_are_those_of_running_every_rule_and_dropping_the_overridden(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 25; round++)
        {
            var rules = Generate(random, mutating: false);
            Check(rules, expectSkips: true);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void With_a_mutating_rule_every_rule_runs_in_order(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 25; round++)
        {
            Check(Generate(random, mutating: true), expectSkips: false);
        }
    }

    [Fact]
    public void A_rule_overridden_where_its_overrider_applies_is_not_run()
    {
        RuleBehaviour[] rules =
        [
            new("loose", [], InScope: true, Holds: true, Reports: 2, Failure.None, Mutates: false),
            new("other", [], InScope: true, Holds: true, Reports: 1, Failure.None, Mutates: false),
            new("strict", ["loose"], InScope: true, Holds: true, Reports: 1, Failure.None, Mutates: false),
        ];
        var (findings, runs) = Evaluate(rules, viaEvaluator: true);
        findings.ShouldBe(["other#0", "strict#0"]);
        runs.ShouldBe(["strict", "other"]);
    }

    [Fact]
    public void An_overrider_that_fails_before_applying_leaves_the_overridden_rule_to_run_in_its_place()
    {
        RuleBehaviour[] rules =
        [
            new("loose", [], InScope: true, Holds: true, Reports: 1, Failure.None, Mutates: false),
            new("strict", ["loose"], InScope: true, Holds: true, Reports: 1, Failure.InWhen, Mutates: false),
        ];
        var (findings, runs) = Evaluate(rules, viaEvaluator: false);
        findings.ShouldBe(["loose#0", "strict!"]);
        runs.ShouldBe(["strict", "loose"]);
    }

    private static void Check(RuleBehaviour[] rules, bool expectSkips)
    {
        var (expected, applied) = Expected(rules);
        var description = string.Join("; ", rules.Select(r => r.ToString()));
        foreach (var viaEvaluator in new[] { false, true })
        {
            var (findings, runs) = Evaluate(rules, viaEvaluator);
            findings.ShouldBe(expected, description);

            var shouldRun = rules.Where(r => r.InScope && !(expectSkips && r.Overrides.Length == 0 && rules.Any(o => o.Overrides.Contains(r.Name) && applied.Contains(o.Name))));
            runs.Order(StringComparer.Ordinal).ShouldBe(shouldRun.Select(r => r.Name).Order(StringComparer.Ordinal), description);
        }
    }

    /// <summary>The definition: every rule in scope runs in order; the findings of rules overridden by an applying rule are dropped.</summary>
    private static (List<string> Findings, HashSet<string> Applied) Expected(RuleBehaviour[] rules)
    {
        var all = new List<(string Rule, string Finding)>();
        var applied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules.Where(r => r.InScope))
        {
            if (rule.Failure == Failure.InWhen)
            {
                all.Add((rule.Name, rule.Name + "!"));
                continue;
            }

            if (!rule.Holds)
            {
                continue;
            }

            if (rule.Overrides.Length > 0)
            {
                applied.Add(rule.Name);
            }

            all.AddRange(Enumerable.Range(0, rule.Reports).Select(i => (rule.Name, $"{rule.Name}#{i}")));
            if (rule.Failure == Failure.InBody)
            {
                all.Add((rule.Name, rule.Name + "!"));
            }
        }

        var dropped = rules.Where(r => applied.Contains(r.Name)).SelectMany(r => r.Overrides).ToHashSet(StringComparer.Ordinal);
        return ([.. all.Where(f => !dropped.Contains(f.Rule)).Select(f => f.Finding)], applied);
    }

    private static RuleBehaviour[] Generate(Random random, bool mutating)
    {
        var count = random.Next(2, 8);
        var names = Enumerable.Range(0, count).Select(i => "r" + i).ToArray();
        var rules = names.Select(name => new RuleBehaviour(
            name,
            random.Next(3) == 0 ? [.. names.Where(n => n != name && random.Next(3) == 0)] : [],
            InScope: random.Next(5) > 0,
            Holds: random.Next(4) > 0,
            Reports: random.Next(3),
            Failure: random.Next(8) switch { 0 => Failure.InWhen, 1 => Failure.InBody, _ => Failure.None },
            Mutates: false)).ToArray();
        if (mutating)
        {
            var at = random.Next(count);
            rules[at] = rules[at] with { Mutates = true };
        }

        return rules;
    }

    /// <summary>Runs the rules as generated code would behave; the findings as "rule#n" (reports) and "rule!" (errors), and the rules that ran, in run order.</summary>
    private static (List<string> Findings, List<string> Runs) Evaluate(RuleBehaviour[] rules, bool viaEvaluator)
    {
        var runs = new List<string>();
        var compiled = rules.Select(r => new CompiledRule(Descriptor(r), new Action<Workload, EvaluationContext>((_, context) =>
        {
            runs.Add(r.Name);
            if (r.Failure == Failure.InWhen)
            {
                throw new InvalidOperationException("in when");
            }

            if (!r.Holds)
            {
                return;
            }

            context.Applies();
            for (var i = 0; i < r.Reports; i++)
            {
                context.Report(r.Mutates ? FindingAction.Warn : FindingAction.Deny, $"{r.Name}#{i}", "/spec");
            }

            if (r.Failure == Failure.InBody)
            {
                throw new InvalidOperationException("in body");
            }
        }))).ToArray();
        var manifest = new PolicyAssemblyManifest
        {
            CompilerVersion = "test",
            Policies = [new PolicyDescriptor { Name = "p", Class = "C", Rules = [.. compiled.Select(c => c.Descriptor)] }],
        };
        var engine = new PolicyEngine(CompiledPolicySet.Create(manifest, compiled, typeof(OverriddenRuleSkipTests).Assembly));
        var subject = ReadItems(Pod, "pod.yaml").Single().Manifest.ShouldNotBeNull();
        var findings = viaEvaluator
            ? engine.CreateEvaluator().EvaluateWorkload(Workload.From(subject).ShouldNotBeNull()).Findings
            : engine.EvaluateManifest(subject).Findings;
        return ([.. findings.Select(f => f.Action == FindingAction.Error ? f.Rule + "!" : f.Message)], runs);
    }

    private static RuleDescriptor Descriptor(RuleBehaviour rule) => new()
    {
        Policy = "p",
        Name = rule.Name,
        Id = rule.Name,
        Subject = SubjectKind.Workload,
        Actions = rule.Mutates ? [FindingAction.Mutate, FindingAction.Warn] : [FindingAction.Deny],
        Method = "R_" + rule.Name,
        Overrides = rule.Overrides,
        Scope = rule.InScope ? RuleScope.Everything : new RuleScope { Namespaces = ["elsewhere"] },
    };

    private const string Pod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p, namespace: prod}
        spec:
          containers: [{name: app, image: nginx}]
        """;
}
