// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>
/// The workload rules of a subject run in one loop: a rule that throws becomes an error finding of that rule, the
/// rules after it still run, findings keep the rules' order, scoped rules run only in scope, and a reused evaluator
/// gives the same answers subject after subject (compiled delegates and interpreter alike).
/// </summary>
public sealed class RuleContainmentTests
{
    private const string Source = """
        package contain

        @id("C-1") @severity(low)
        rule first on workload w {
          for c in w.allContainers
            deny "first: {c.name}" when c.name != "ok"
        }

        @id("C-2") @severity(low)
        rule breaks on workload w {
          deny "breaks" when matches(w.name, w.namespace ?? "")
        }

        @id("C-3") @severity(low)
        rule scoped on workload w match namespaces ["prod"] {
          deny "scoped: {w.name}"
        }

        @id("C-4") @severity(low)
        rule last on workload w {
          deny "last: {w.name}" when w.name != "quiet"
        }
        """;

    public static TheoryData<string> Backends() => ["compiled", "interpreter"];

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_failing_rule_is_an_error_finding_and_the_rules_after_it_still_run(string backend)
    {
        var evaluator = Engine(backend).CreateEvaluator();
        for (var round = 0; round < 2; round++)
        {
            var broken = evaluator.EvaluateWorkload(Workload("web", "(", "a", "ok")).Findings;
            broken.Select(f => (f.Id, f.Action)).ShouldBe([("C-1", FindingAction.Deny), ("C-2", FindingAction.Error), ("C-4", FindingAction.Deny)]);
            broken[1].Message.ShouldStartWith("rule C-2 failed: ");

            var prod = evaluator.EvaluateWorkload(Workload("api", "prod", "ok", "b")).Findings;
            prod.Select(f => f.Message).ShouldBe(["first: b", "scoped: api", "last: api"]);

            evaluator.EvaluateWorkload(Workload("quiet", "dev", "ok")).Findings.ShouldBeEmpty();
        }
    }

    private static Runtime.Subjects.Workload Workload(string name, string ns, params string[] containers)
    {
        var list = string.Join(",", containers.Select(c => "{\"name\":\"" + c + "\",\"image\":\"x\"}"));
        var json = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"namespace\":\"" + ns + "\"},\"spec\":{\"containers\":[" + list + "]}}";
        return Runtime.Subjects.Workload.From(TestDocuments.Manifest(json)).ShouldNotBeNull();
    }

    private static PolicyEngine Engine(string backend)
    {
        var compilation = Compilation.Create([new SourceText("contain.policy", Source)]);
        compilation.GetDiagnostics().ShouldBeEmpty();
        var set = backend == "compiled"
            ? CompiledPolicySet.Load(compilation.Emit().Image.ShouldNotBeNull(), new ParameterValues(new Dictionary<string, object?>()))
            : ReferenceInterpreter.Create(compilation, new ParameterValues(new Dictionary<string, object?>())).ToPolicySet();
        return new PolicyEngine(set);
    }
}
