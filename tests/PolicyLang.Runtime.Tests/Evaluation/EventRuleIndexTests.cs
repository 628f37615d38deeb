// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Tests.Evaluation;

/// <summary>
/// The engine's dispatch of event rules by <see cref="RuleDescriptor.EventTypes"/>: a rule runs on the types it names,
/// a rule without types on every event, in the policy set's order; manifests written before the field read as "every type".
/// </summary>
public sealed class EventRuleIndexTests
{
    [Fact]
    public void A_manifest_without_event_types_reads_as_every_type()
    {
        const string older = """
            {"compilerVersion":"0.1.0","policies":[{"name":"p","class":"C","rules":[
              {"policy":"p","name":"r","id":"p.r","subject":"event","method":"R_0_p_r"}]}]}
            """;
        PolicyAssemblyManifest.FromJson(older).Policies.Single().Rules.Single().EventTypes.ShouldBeNull();
    }

    [Fact]
    public void Event_types_round_trip_through_the_manifest()
    {
        var manifest = new PolicyAssemblyManifest
        {
            CompilerVersion = "test",
            Policies = [new PolicyDescriptor { Name = "p", Class = "C", Rules = [Rule("r", ["execve", "open"])] }],
        };
        PolicyAssemblyManifest.FromJson(manifest.ToJson()).Policies.Single().Rules.Single().EventTypes.ShouldBe(["execve", "open"]);
    }

    [Theory]
    [InlineData("open", "opens,any,opens-or-connects")]
    [InlineData("connect", "any,opens-or-connects")]
    [InlineData("execve", "any")]
    [InlineData("Open", "any")]
    [InlineData(null, "any")]
    public void Each_event_runs_the_rules_of_its_type_and_the_rules_of_every_type_in_order(string? type, string expected)
    {
        var engine = Engine(("opens", ["open"]), ("any", null), ("opens-or-connects", ["connect", "open"]), ("never", []));
        var e = new RuntimeEvent { Type = type };
        engine.EvaluateEvent(e).Findings.Select(f => f.Rule).ShouldBe(expected.Split(','));
        engine.CreateEvaluator().EvaluateEvent(e).Select(f => f.Rule).ShouldBe(expected.Split(','));
    }

    private static PolicyEngine Engine(params (string Name, string[]? Types)[] rules)
    {
        var compiled = rules.Select(r => new CompiledRule(
            Rule(r.Name, r.Types),
            new Action<RuntimeEvent, EvaluationContext>((_, context) => context.Report(FindingAction.Alert, r.Name, null)))).ToArray();
        var manifest = new PolicyAssemblyManifest
        {
            CompilerVersion = "test",
            Policies = [new PolicyDescriptor { Name = "p", Class = "C", Rules = [.. compiled.Select(c => c.Descriptor)] }],
        };
        return new PolicyEngine(CompiledPolicySet.Create(manifest, compiled, typeof(EventRuleIndexTests).Assembly));
    }

    private static RuleDescriptor Rule(string name, string[]? types) => new()
    {
        Policy = "p",
        Name = name,
        Id = "p." + name,
        Subject = SubjectKind.Event,
        Actions = [FindingAction.Alert],
        Method = "R_" + name,
        EventTypes = types,
    };
}
