// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;
using PolicyLang.Runtime.Subjects;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Evaluation;

/// <summary>
/// The evaluator's workload path reads the pod spec ahead of the rules, looks the subject's file up only for a finding,
/// and reads the labels only for scoped rules. Its findings (locations included) and input errors must be those of
/// <see cref="PolicyEngine.EvaluateManifest"/>, on generated pods with parts present, absent, empty or null.
/// </summary>
public sealed class WorkloadEvaluatorTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 20)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Findings_are_those_of_evaluating_the_manifest(int seed)
    {
        var random = new Random(seed);
        var engine = Engine(
            Rule("containers", RuleScope.Everything, (w, ctx) =>
            {
                for (var i = 0; i < w.AllContainers.Count; i++)
                {
                    var sc = w.AllContainers[i].SecurityContext;
                    if (sc?.Privileged == true || sc?.Capabilities?.Add?.Count > 0 || w.AllContainers[i].LivenessProbe?.HttpGet?.Host is not null)
                    {
                        ctx.Report(FindingAction.Deny, "container " + w.AllContainers[i].Name, w.AllContainerPaths[i] + "/securityContext/privileged");
                    }
                }
            }),
            Rule("volumes", RuleScope.Everything, (w, ctx) =>
            {
                if (w.Spec.Volumes?.Count > 1)
                {
                    ctx.Report(FindingAction.Warn, "volumes", w.SpecPath + "/volumes/1/hostPath");
                }
            }),
            Rule("web-only", new RuleScope { Labels = "app=web" }, (w, ctx) => ctx.Report(FindingAction.Warn, "web", w.MetadataPath + "/labels/app")),
            Rule("not-web", new RuleScope { ExcludeLabels = "app=web", Kinds = ["Deployment", "Pod"] }, (w, ctx) => ctx.Report(FindingAction.Warn, "other", w.MetadataPath)));
        var evaluator = engine.CreateEvaluator();
        for (var round = 0; round < 25; round++)
        {
            var text = Manifest(random);
            var manifest = ReadItems(text, "gen.yaml").Single().Manifest.ShouldNotBeNull(text);
            var expected = engine.EvaluateManifest(manifest);
            var workload = Workload.From(manifest).ShouldNotBeNull(text);
            var actual = evaluator.EvaluateWorkload(workload);
            actual.Findings.ShouldBe(expected.Findings, text);
            actual.Findings.Select(f => f.Location).ShouldBe(expected.Findings.Select(f => f.Location), text);
            actual.Findings.ShouldAllBe(f => f.Location != null && f.Location.File == "gen.yaml", text);
            actual.Errors.ShouldBe(expected.Errors, text);
        }
    }

    [Fact]
    public void Null_items_in_the_pod_spec_lists_are_read_ahead_without_failing()
    {
        const string text = """
            apiVersion: v1
            kind: Pod
            metadata: {name: nulls}
            spec:
              volumes: [null]
              containers:
              - null
              - name: app
                image: nginx
                ports: [null]
                securityContext: {privileged: true, capabilities: {drop: [null], add: [NET_ADMIN]}}
            """;
        var engine = Engine(Rule("containers", RuleScope.Everything, (w, ctx) =>
        {
            for (var i = 0; i < w.AllContainers.Count; i++)
            {
                if (w.AllContainers[i]?.SecurityContext?.Privileged == true)
                {
                    ctx.Report(FindingAction.Deny, "privileged", w.AllContainerPaths[i] + "/securityContext/privileged");
                }
            }
        }));
        var manifest = ReadItems(text, "nulls.yaml").Single().Manifest.ShouldNotBeNull();
        var expected = engine.EvaluateManifest(manifest);
        expected.Errors.ShouldBeEmpty();
        expected.Findings.Select(f => f.Path).ShouldBe(["/spec/containers/1/securityContext/privileged"]);
        var actual = engine.CreateEvaluator().EvaluateWorkload(Workload.From(manifest).ShouldNotBeNull());
        actual.Findings.ShouldBe(expected.Findings);
        actual.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void Metadata_that_does_not_bind_is_an_input_error_without_scoped_rules_too()
    {
        const string text = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, labels: [a, b]}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers: [{name: app, image: nginx}]
            """;
        var engine = Engine(Rule("any", RuleScope.Everything, (w, ctx) => ctx.Report(FindingAction.Deny, "m", w.SpecPath)));
        var manifest = ReadItems(text, "bad.yaml").Single().Manifest.ShouldNotBeNull();
        var expected = engine.EvaluateManifest(manifest);
        expected.Errors.ShouldNotBeEmpty();
        var actual = engine.CreateEvaluator().EvaluateWorkload(Workload.From(manifest).ShouldNotBeNull());
        actual.Findings.ShouldBeEmpty();
        actual.Errors.ShouldBe(expected.Errors);
    }

    private static string Manifest(Random random)
    {
        var text = new StringBuilder();
        var deployment = random.Next(2) == 0;
        text.AppendLine(deployment ? "apiVersion: apps/v1\nkind: Deployment" : "apiVersion: v1\nkind: Pod");
        text.AppendLine("metadata:\n  name: w");
        var labels = random.Next(3) switch { 0 => "{app: web}", 1 => "{app: db}", _ => "null" };
        var indent = deployment ? "    " : string.Empty;
        if (deployment)
        {
            text.AppendLine("spec:\n  template:\n    metadata: {labels: " + labels + "}");
        }
        else
        {
            text.AppendLine("  labels: " + labels);
        }

        text.AppendLine(indent + "spec:");
        if (random.Next(3) == 0)
        {
            text.AppendLine(indent + "  securityContext: " + Pick(random, "{}", "null", "{runAsUser: 0, seccompProfile: {type: Unconfined}, sysctls: [{name: a}]}"));
        }

        if (random.Next(2) == 0)
        {
            text.AppendLine(indent + "  volumes: " + Pick(random, "[]", "[{name: a, emptyDir: {}}]", "[{name: a, emptyDir: {}}, {name: b, hostPath: {path: /}}]"));
        }

        foreach (var list in new[] { "initContainers", "containers", "ephemeralContainers" })
        {
            if (list != "containers" && random.Next(3) > 0)
            {
                continue;
            }

            text.AppendLine(indent + "  " + list + ":");
            var count = random.Next(1, 4);
            for (var i = 0; i < count; i++)
            {
                text.AppendLine(indent + "    - name: c" + i.ToString(CultureInfo.InvariantCulture));
                text.AppendLine(indent + "      image: nginx");
                text.AppendLine(indent + "      securityContext: " + Pick(random, "null", "{}", "{privileged: true}", "{capabilities: {drop: [], add: [NET_RAW]}}", "{capabilities: null, seLinuxOptions: {}}"));
                text.AppendLine(indent + "      ports: " + Pick(random, "null", "[]", "[{containerPort: 80, hostPort: 80}]"));
                text.AppendLine(indent + "      livenessProbe: " + Pick(random, "null", "{}", "{httpGet: {port: 80, host: h}}", "{tcpSocket: {port: 80}}"));
                text.AppendLine(indent + "      lifecycle: " + Pick(random, "null", "{}", "{postStart: {httpGet: {port: 1}}, preStop: {}}"));
            }
        }

        return text.ToString();
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static CompiledRule Rule(string name, RuleScope scope, Action<Workload, EvaluationContext> body) =>
        new(new RuleDescriptor
        {
            Policy = "p",
            Name = name,
            Id = "p." + name,
            Subject = SubjectKind.Workload,
            Actions = [FindingAction.Deny, FindingAction.Warn],
            Method = "R_" + name,
            Scope = scope,
        }, body);

    private static PolicyEngine Engine(params CompiledRule[] rules)
    {
        var manifest = new PolicyAssemblyManifest
        {
            CompilerVersion = "test",
            Policies = [new PolicyDescriptor { Name = "p", Class = "C", Rules = [.. rules.Select(r => r.Descriptor)] }],
        };
        return new PolicyEngine(CompiledPolicySet.Create(manifest, rules, typeof(WorkloadEvaluatorTests).Assembly));
    }
}
