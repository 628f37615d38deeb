// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Evaluation;

/// <summary>
/// A finding's location is looked up when first read, not when it is reported. It must be what the lookup at report
/// time gives (<see cref="EvaluationContext.Locate"/>: the node, or its nearest existing ancestor, in the subject's
/// document), through every way of evaluating, for reports, errors and mutations, and it must not change how findings
/// compare, copy or print.
/// </summary>
public sealed class DeferredLocationTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: prod
          annotations: {a/b: x, "c~d": y}
        spec:
          template:
            metadata: {labels: {app: web}}
            spec:
              securityContext: {runAsNonRoot: true}
              initContainers: [{name: init, image: busybox}]
              containers:
                - name: app
                  image: nginx
                  ports: [{containerPort: 80, hostPort: 8080}]
                  securityContext:
                    capabilities: {drop: [ALL], add: [NET_RAW]}
                - {name: side, image: envoy}
        """;

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 10)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_location_read_later_is_the_one_located_at_report_time(int seed)
    {
        var random = new Random(seed);
        var manifest = ReadItems(Deployment, "deploy.yaml").Single().Manifest.ShouldNotBeNull();
        var workload = Workload.From(manifest).ShouldNotBeNull();
        var pointers = Pointers(manifest.Root).ToArray();
        for (var round = 0; round < 20; round++)
        {
            var reported = Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(4) == 0 ? null : pointers[random.Next(pointers.Length)]).ToArray();
            var located = new List<SourceLocation?>();
            var engine = Engine(SubjectKind.Workload, new Action<Workload, EvaluationContext>((_, context) => ReportAll(context, reported, located)));
            foreach (var findings in new[] { engine.EvaluateManifest(manifest).Findings, engine.CreateEvaluator().EvaluateWorkload(workload).Findings })
            {
                findings.Select(f => f.Path).ShouldBe(reported);
                findings.Select(f => f.Location).ShouldBe(located.Take(reported.Length));
                located.RemoveRange(0, reported.Length);
                foreach (var (finding, pointer) in findings.Zip(reported))
                {
                    finding.Location.ShouldBe(At(manifest, pointer ?? string.Empty));
                }
            }
        }
    }

    [Fact]
    public void Errors_and_mutations_are_located_as_reports_are()
    {
        var manifest = ReadItems(Deployment, "deploy.yaml").Single().Manifest.ShouldNotBeNull();
        var engine = Engine(SubjectKind.Workload, new Action<Workload, EvaluationContext>((_, context) =>
        {
            context.Patch("add", "/spec/template/spec/containers/1/securityContext/runAsNonRoot", true, "set runAsNonRoot");
            throw new SubjectConversionException("bad value", "/spec/template/spec/containers/0/ports/0/hostPort");
        }), mutates: true);
        var findings = engine.EvaluateManifest(manifest).Findings;
        findings.Select(f => f.Action).ShouldBe([FindingAction.Mutate, FindingAction.Error]);
        findings[0].Location.ShouldBe(At(manifest, "/spec/template/spec/containers/1")); // the nearest existing node
        findings[1].Location.ShouldBe(At(manifest, "/spec/template/spec/containers/0/ports/0/hostPort"));
        findings[1].Location.ShouldNotBe(findings[0].Location);
    }

    [Fact]
    public void Subjects_without_a_document_are_placed_at_their_line_and_without_a_file_nowhere()
    {
        var engine = Engine(SubjectKind.Event, new Action<RuntimeEvent, EvaluationContext>((_, context) => context.Report(FindingAction.Alert, "m", "/proc/name")));
        var placed = new RuntimeEvent { Type = "execve", SourceDocument = new SourceDocument("events.jsonl", Document: 3, Line: 4) };
        engine.EvaluateEvent(placed).Findings.Single().Location.ShouldBe(new SourceLocation("events.jsonl", 4, 1));
        engine.CreateEvaluator().EvaluateEvent(placed).Single().Location.ShouldBe(new SourceLocation("events.jsonl", 4, 1));
        engine.EvaluateEvent(new RuntimeEvent { Type = "execve" }).Findings.Single().Location.ShouldBeNull();
    }

    [Fact]
    public void Findings_compare_copy_and_print_the_same_whether_or_not_the_location_was_read()
    {
        var manifest = ReadItems(Deployment, "deploy.yaml").Single().Manifest.ShouldNotBeNull();
        var engine = Engine(SubjectKind.Workload, new Action<Workload, EvaluationContext>((_, context) => context.Report(FindingAction.Deny, "m", "/spec/template/spec/containers/0/image")));
        var unread = engine.EvaluateManifest(manifest).Findings.Single();
        var read = engine.EvaluateManifest(manifest).Findings.Single();
        var eager = read with { Location = new SourceLocation("deploy.yaml", 15, 11) }; // the line of "image: nginx"

        var copy = unread with { Message = "m" };
        unread.ShouldBe(eager);
        unread.GetHashCode().ShouldBe(eager.GetHashCode());
        copy.ShouldBe(eager);
        read.Location.ShouldBe(eager.Location);
        read.ToString().ShouldBe(eager.ToString());
        (unread with { Location = null }).Location.ShouldBeNull();
        (eager with { Message = "other" }).ShouldNotBe(eager);
    }

    [Fact]
    public void Reading_the_location_from_several_threads_gives_one_answer()
    {
        var manifest = ReadItems(Deployment, "deploy.yaml").Single().Manifest.ShouldNotBeNull();
        var engine = Engine(SubjectKind.Workload, new Action<Workload, EvaluationContext>((_, context) =>
        {
            for (var i = 0; i < 200; i++)
            {
                context.Report(FindingAction.Deny, "m", "/spec/template/spec/containers/0/ports/0/hostPort");
            }
        }));
        var findings = engine.EvaluateManifest(manifest).Findings;
        var expected = At(manifest, "/spec/template/spec/containers/0/ports/0/hostPort");
        Parallel.For(0, 4, _ =>
        {
            foreach (var finding in findings)
            {
                finding.Location.ShouldBe(expected);
            }
        });
    }

    private static SourceLocation At(ManifestSubject manifest, string pointer)
    {
        var (line, column) = JsonPointer.Locate(manifest.Root, pointer, out _);
        return new SourceLocation("deploy.yaml", line, column);
    }

    private static void ReportAll(EvaluationContext context, string?[] pointers, List<SourceLocation?> located)
    {
        foreach (var pointer in pointers)
        {
            located.Add(context.Locate(pointer));
            context.Report(FindingAction.Deny, "m", pointer);
        }
    }

    private static IEnumerable<string> Pointers(DocNode node, string pointer = "")
    {
        yield return pointer;
        yield return pointer + "/absent/deeper";
        switch (node)
        {
            case DocMap map:
                foreach (var entry in map.Entries)
                {
                    foreach (var inner in Pointers(entry.Value, JsonPointer.Append(pointer, entry.Key)))
                    {
                        yield return inner;
                    }
                }

                break;
            case DocList list:
                for (var i = 0; i < list.Count; i++)
                {
                    foreach (var inner in Pointers(list[i], JsonPointer.Append(pointer, i)))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static PolicyEngine Engine(SubjectKind subject, Delegate rule, bool mutates = false)
    {
        var descriptor = new RuleDescriptor
        {
            Policy = "p",
            Name = "r",
            Id = "p.r",
            Subject = subject,
            Actions = mutates ? [FindingAction.Mutate] : [FindingAction.Deny],
            Method = "R_r",
        };
        var compiled = new[] { new CompiledRule(descriptor, rule) };
        var manifest = new PolicyAssemblyManifest
        {
            CompilerVersion = "test",
            Policies = [new PolicyDescriptor { Name = "p", Class = "C", Rules = [descriptor] }],
        };
        return new PolicyEngine(CompiledPolicySet.Create(manifest, compiled, typeof(DeferredLocationTests).Assembly));
    }
}
