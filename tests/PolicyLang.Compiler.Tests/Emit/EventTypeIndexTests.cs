// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Tests.Baselines;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>
/// The engine runs only the event rules whose proven types (<see cref="RuleDescriptor.EventTypes"/>) admit the event's
/// type. Over a varied stream (every named type, unknown types, no type; rules that fail, are scoped, excepted and
/// overridden) the findings, errors and their order are those of running every rule, for compiled delegates and the
/// interpreter alike.
/// </summary>
public sealed class EventTypeIndexTests
{
    private const string Behaviour = """
        package cases.event_types.behaviour
        import cases.event_types.proven

        // Integer arithmetic is checked: on an event whose ret is 1 the sum overflows and the rule fails.
        rule fails_on_opens on event e when e.type == "open" and (e.ret ?? 0) + 9223372036854775807 > 0
          alert "ret {e.ret}"

        rule fails_everywhere on event e when (e.ret ?? 0) + 9223372036854775807 > 0 and e.type == "open"
          alert "ret {e.ret} (unproven)"

        rule scoped on event e match namespaces ["prod"] when e.type == "execve"
          alert "exec in prod"

        @overrides(proven.equality)
        rule stricter_equality on event e when e.type == "open" and e.container.id != "host"
          alert "stricter: {e.proc.name}"

        rule excepted on event e
          except when e.k8s.namespace == "dev" because "dev is exempt"
          when e.type in ["open", "execve"] and e.proc.name == "sh"
          alert "sh in {e.k8s.namespace}"
        """;

    private static readonly string?[] Types =
        ["open", "unlink", "rename", "connect", "execve", "ptrace", "mount", "setuid", "setgid", "setresuid", "openat", "accept", "bpf", "weird", "OPEN", "", null];

    private static readonly string[] Names = ["sh", "bash", "sshd", "42", "nginx", "x-tool"];

    public static TheoryData<string> Backends() => ["compiled", "interpreter"];

    [Fact]
    public void The_manifest_records_the_proven_types_and_none_for_unproven_rules()
    {
        var manifest = Compile().Emit().Manifest.ShouldNotBeNull();
        var rules = manifest.Policies.SelectMany(p => p.Rules).ToDictionary(r => r.Name);
        rules["list_literal"].EventTypes.ShouldBe(["rename", "unlink"]);
        rules["fails_on_opens"].EventTypes.ShouldBe(["open"]);
        rules["fails_everywhere"].EventTypes.ShouldBeNull();
        rules["not_an_event"].EventTypes.ShouldBeNull();
        PolicyAssemblyManifest.FromJson(manifest.ToJson()).Policies.SelectMany(p => p.Rules).Single(r => r.Name == "alternatives")
            .EventTypes.ShouldBe(["setgid", "setresuid", "setuid"]);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Indexed_rules_report_what_every_rule_reports(string backend)
    {
        var set = Load(backend);
        set.Rules.Count(r => r.Descriptor.EventTypes is not null).ShouldBeGreaterThan(10, "the case files prove many guards");
        var indexed = new PolicyEngine(set);
        var unindexed = new PolicyEngine(WithoutIndex(set));
        var evaluator = indexed.CreateEvaluator();
        var random = new Random(20261207);
        var alerted = new HashSet<string>();
        for (var i = 0; i < 3000; i++)
        {
            var e = Event(random);
            var expected = Keys(unindexed.EvaluateEvent(e).Findings);
            Keys(indexed.EvaluateEvent(e).Findings).ShouldBe(expected, $"event {i}: {e.Type} {e.Proc.Name}");
            Keys(evaluator.EvaluateEvent(e)).ShouldBe(expected, $"event {i} (evaluator)");
            alerted.UnionWith(expected.Select(k => k.Id + " " + k.Action));
        }

        // The stream reaches the interesting cases: indexed and unindexed failures, skips, overrides, unproven rules.
        alerted.ShouldContain("cases.event_types.behaviour.fails_on_opens Error");
        alerted.ShouldContain("cases.event_types.behaviour.fails_everywhere Error");
        alerted.ShouldContain("cases.event_types.behaviour.excepted Alert");
        alerted.ShouldContain("cases.event_types.behaviour.stricter_equality Alert");
        alerted.ShouldContain("cases.event_types.proven.equality Alert");
        alerted.ShouldContain("cases.event_types.unproven.alternative_without_type Alert");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_rule_whose_guard_is_not_proven_fires_on_unknown_and_missing_types(string backend)
    {
        var engine = new PolicyEngine(Load(backend));
        Ids(engine.EvaluateEvent(new RuntimeEvent { Type = "weird", Proc = new EventProcess { Name = "sh" } }).Findings)
            .ShouldBe(["cases.event_types.unproven.no_when", "cases.event_types.unproven.inequality", "cases.event_types.unproven.negation", "cases.event_types.unproven.alternative_without_type"]);
        Ids(engine.EvaluateEvent(new RuntimeEvent { Proc = new EventProcess { Name = "sh" } }).Findings)
            .ShouldBe(["cases.event_types.unproven.no_when", "cases.event_types.unproven.inequality", "cases.event_types.unproven.negation", "cases.event_types.unproven.absent_type", "cases.event_types.unproven.list_with_absent", "cases.event_types.unproven.alternative_without_type"]);
    }

    [Fact]
    public void A_cancelled_evaluation_reports_every_rule_cancelled_as_without_the_index()
    {
        var set = Load("compiled");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var e = new RuntimeEvent { Type = "ptrace", Proc = new EventProcess { Name = "gdb" } };
        var indexed = new PolicyEngine(set).EvaluateEvent(e, cancellationToken: cancelled.Token).Findings;
        // Every event rule but the one scoped to namespace prod (the event has no namespace).
        indexed.Count.ShouldBe(set.Rules.Count(r => r.Descriptor.Subject == SubjectKind.Event) - 1);
        indexed.ShouldAllBe(f => f.Action == FindingAction.Error);
        Keys(indexed).ShouldBe(Keys(new PolicyEngine(WithoutIndex(set)).EvaluateEvent(e, cancellationToken: cancelled.Token).Findings));
        Keys(new PolicyEngine(set).CreateEvaluator().EvaluateEvent(e, cancelled.Token)).ShouldBe(Keys(indexed));
    }

    [Fact]
    public void An_event_whose_parts_are_null_is_judged_rule_by_rule_without_failing_the_evaluation()
    {
        // Deserializers can leave the parts null despite their types: the engine's own reads must not throw (rules
        // that read them fail alone, as any rule error).
        var e = new RuntimeEvent { Type = "open", Proc = null!, File = null!, Net = null!, Container = null!, K8s = new EventKubernetes() };
        var engine = new PolicyEngine(Load("compiled"));
        Keys(engine.EvaluateEvent(e).Findings).ShouldBe(Keys(engine.CreateEvaluator().EvaluateEvent(e)));
        engine.EvaluateEvent(e).Findings.ShouldNotBeEmpty();
    }

    private static RuntimeEvent Event(Random random) => new()
    {
        Type = Types[random.Next(Types.Length)],
        Ret = random.Next(3) - 1,
        TargetId = random.Next(2),
        Proc = new EventProcess { Name = Names[random.Next(Names.Length)], Tty = random.Next(2) == 0 },
        File = new EventFile { Path = random.Next(2) == 0 ? "/etc/passwd" : "/tmp/x", Write = random.Next(2) == 0 },
        Net = new EventNetwork { DestPort = random.Next(2) == 0 ? 22 : 443 },
        Container = new EventContainer { Id = random.Next(3) switch { 0 => "host", 1 => "c1", _ => null } },
        K8s = new EventKubernetes { Namespace = random.Next(3) switch { 0 => "prod", 1 => "dev", _ => null } },
    };

    private static List<(string Id, FindingAction Action, string Message, string? Skipped)> Keys(IReadOnlyList<Finding> findings) =>
        [.. findings.Select(f => (f.Id, f.Action, f.Message, f.SkippedReason))];

    private static List<string> Ids(IReadOnlyList<Finding> findings) => [.. findings.Select(f => f.Id)];

    private static CompiledPolicySet WithoutIndex(CompiledPolicySet set) =>
        CompiledPolicySet.Create(set.Manifest, [.. set.Rules.Select(r => new CompiledRule(r.Descriptor with { EventTypes = null }, r.Invoker))], set.Assembly);

    private static CompiledPolicySet Load(string backend)
    {
        var compilation = Compile();
        return backend == "compiled"
            ? CompiledPolicySet.Load(compilation.Emit().Image.ShouldNotBeNull(), ParameterValues.None)
            : ReferenceInterpreter.Create(compilation, ParameterValues.None).ToPolicySet();
    }

    private static Compilation Compile()
    {
        var directory = Path.Combine(BaselineAssert.SourceDirectory, "Cases", "EventTypes");
        var compilation = Compilation.Create([
            new SourceText("proven.policy", File.ReadAllText(Path.Combine(directory, "Proven.policy"))),
            new SourceText("unproven.policy", File.ReadAllText(Path.Combine(directory, "Unproven.policy"))),
            new SourceText("behaviour.policy", Behaviour),
        ]);
        compilation.GetDiagnostics().Where(d => d.IsError).ShouldBeEmpty();
        return compilation;
    }
}
