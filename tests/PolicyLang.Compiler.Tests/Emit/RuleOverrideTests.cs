// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>
/// <c>@overrides</c>: on a subject where the overriding rule applies (scope and <c>when</c> clauses hold), the
/// overridden rule's findings are dropped; elsewhere they stay. Compiled delegates and the interpreter agree.
/// </summary>
public sealed class RuleOverrideTests
{
    private const string Loose = """
        package loose

        @id("LOOSE-1") @severity(low)
        rule privileged on workload w {
          for c in w.allContainers
            deny "loose: {c.name}" at c.securityContext.privileged when c.securityContext.privileged == true
        }

        @severity(low)
        rule other on workload w {
          deny "other" when w.name == "p"
        }
        """;

    private const string Strict = """
        package strict
        import loose

        /// The strict version, in force in namespaces other than dev.
        @severity(high) @overrides(loose.privileged)
        rule privileged on workload w when w.namespace != "dev" {
          for c in w.allContainers
            deny "strict: {c.name}" at c.securityContext.privileged when c.securityContext.privileged != false
        }
        """;

    public static TheoryData<string> Backends() => ["compiled", "interpreter"];

    [Theory]
    [MemberData(nameof(Backends))]
    public void The_overridden_rule_reports_nothing_where_the_overriding_rule_applies(string backend)
    {
        var engine = Engine(backend);
        var findings = engine.EvaluateManifest(Pod("prod")).Findings;
        findings.Select(f => (f.Id, f.Message)).ShouldBe([("loose.other", "other"), ("strict.privileged", "strict: app")], ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void The_overridden_rule_reports_where_the_overriding_rule_does_not_apply(string backend)
    {
        var engine = Engine(backend);
        var findings = engine.EvaluateManifest(Pod("dev")).Findings;
        findings.Select(f => f.Id).ShouldBe(["LOOSE-1", "loose.other"], ignoreOrder: true);
    }

    [Fact]
    public void The_manifest_names_the_overridden_rules_by_id()
    {
        var emitted = Compile().Emit();
        emitted.Manifest.ShouldNotBeNull().Policies.Single(p => p.Name == "strict").Rules.Single().Overrides.ShouldBe(["LOOSE-1"]);
    }

    private static Compilation Compile()
    {
        var compilation = Compilation.Create([new SourceText("loose.policy", Loose), new SourceText("strict.policy", Strict)]);
        compilation.GetDiagnostics().ShouldBeEmpty();
        return compilation;
    }

    private static PolicyEngine Engine(string backend)
    {
        var compilation = Compile();
        var set = backend == "compiled"
            ? CompiledPolicySet.Load(compilation.Emit().Image.ShouldNotBeNull(), ParameterValues.None)
            : ReferenceInterpreter.Create(compilation, ParameterValues.None).ToPolicySet();
        return new PolicyEngine(set);
    }

    private static Runtime.Subjects.ManifestSubject Pod(string @namespace) => TestDocuments.Manifest($$$"""
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"{{{@namespace}}}"},
         "spec":{"containers":[{"name":"app","image":"nginx","securityContext":{"privileged":true}}]}}
        """);
}
