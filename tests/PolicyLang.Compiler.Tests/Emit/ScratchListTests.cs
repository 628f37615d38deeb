// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>
/// List comprehensions in rules and functions take their list from the context's scratch lists, reused from one rule
/// run to the next. Reuse must never show: each run sees only its own elements, several comprehensions of one run
/// keep theirs, and the value of a mutate statement (kept in its finding) is never a reused list.
/// </summary>
public sealed class ScratchListTests
{
    private const string Source = """
        package scratch

        func names(w: Workload): list<string> = [c.name for c in w.allContainers where c.name != "skip"]

        @id("SCR-1") @severity(low)
        rule both on workload w {
          let first = names(w)
          let images = [c.image for c in w.allContainers]
          deny "{w.name}: {join(first, ",")} / {join(images, ",")}" when len(first) > 0
        }

        @id("SCR-2") @severity(low)
        rule per_container on workload w {
          for c in w.allContainers {
            let parts = [p for p in split(c.image, ":") where p != ""]
            deny "{c.name}: {join(parts, "|")}" when len(parts) > 1
          }
        }

        @id("SCR-3") @severity(low)
        rule args on workload w {
          for c in w.spec.containers
            mutate set c.args = [p for p in split(w.name, "-")] when c.name == "three"
        }
        """;

    private static readonly string[] Pods =
    [
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"a-b"},"spec":{"containers":[{"name":"one","image":"nginx:1"},{"name":"skip","image":"redis:7"}]}}""",
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"c"},"spec":{"containers":[{"name":"two","image":"busybox"}]}}""",
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"d-e-f"},"spec":{"containers":[{"name":"three","image":"a:b:c"},{"name":"four","image":"x"}]}}""",
    ];

    public static TheoryData<string> Backends() => ["compiled", "interpreter"];

    [Theory]
    [MemberData(nameof(Backends))]
    public void Each_subject_sees_only_its_own_elements_when_one_engine_evaluates_many(string backend)
    {
        var evaluator = Engine(backend).CreateEvaluator();
        var messages = Pods.Concat(Pods).Select(p => evaluator.EvaluateWorkload(Workload(p)).Findings
            .Where(f => f.Id != "SCR-3").Select(f => f.Message).ToList()).ToList();
        List<string> expected0 = ["a-b: one / nginx:1,redis:7", "one: nginx|1", "skip: redis|7"];
        List<string> expected1 = ["c: two / busybox"];
        List<string> expected2 = ["d-e-f: three,four / a:b:c,x", "three: a|b|c"];
        messages.ShouldBe([expected0, expected1, expected2, expected0, expected1, expected2]);
    }

    [Fact]
    public void A_mutate_value_built_from_a_comprehension_survives_later_evaluations()
    {
        var evaluator = Engine("compiled").CreateEvaluator();
        var first = evaluator.EvaluateWorkload(Workload(Pods[2])).Findings.Single(f => f.Id == "SCR-3");
        foreach (var pod in Pods.Concat([Pods[0], Pods[1]]))
        {
            evaluator.EvaluateWorkload(Workload(pod));
        }

        var value = first.Patch.ShouldNotBeNull().Last().Value.ShouldBeAssignableTo<IEnumerable<string>>().ShouldNotBeNull();
        value.ShouldBe(["d", "e", "f"]);
    }

    [Fact]
    public void Generated_comprehensions_in_rules_and_functions_use_the_scratch_lists()
    {
        var source = Compile().Emit().GeneratedSource.ShouldNotBeNull();
        source.ShouldContain("ctx.ScratchList<string>()");
    }

    private static Runtime.Subjects.Workload Workload(string json) =>
        Runtime.Subjects.Workload.From(TestDocuments.Manifest(json)).ShouldNotBeNull();

    private static PolicyEngine Engine(string backend)
    {
        var compilation = Compile();
        var set = backend == "compiled"
            ? CompiledPolicySet.Load(compilation.Emit().Image.ShouldNotBeNull(), new ParameterValues(new Dictionary<string, object?>()))
            : ReferenceInterpreter.Create(compilation, new ParameterValues(new Dictionary<string, object?>())).ToPolicySet();
        return new PolicyEngine(set);
    }

    private static Compilation Compile()
    {
        var compilation = Compilation.Create([new SourceText("scratch.policy", Source)]);
        compilation.GetDiagnostics().ShouldBeEmpty();
        return compilation;
    }
}
