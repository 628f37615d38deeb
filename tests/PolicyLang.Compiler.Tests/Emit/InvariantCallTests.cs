// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>
/// Calls that depend only on constants and parameters are computed once per policy instance (after its parameters
/// are bound) instead of per subject; loops over list literals allocate no list. Neither changes what a rule finds,
/// fails on or where: the compiled delegates and the reference interpreter agree.
/// </summary>
public sealed class InvariantCallTests
{
    private const string Source = """
        package invariants

        param version: string = "latest"
        param pattern: string = "^web-"

        func checked(n: string): bool = n == "web-1" and later("v1.21")
        func minor_of(v: string): int = if matches(v, "^v1\\.[0-9]+$") then int(substring(v, 3)) else 1000
        func since(v: string): bool = minor_of(version) >= minor_of(v)
        func later(v: string): bool = minor_of(version) >= minor_of(v)
        func recent(n: string): bool = n == "web-1" and since("v1.22")

        @id("INV-1") @severity(low)
        rule versioned on workload w when since("v1.20") {
          deny "{w.name} is checked from v1.20" when w.name == "web-1"
        }

        @id("INV-2") @severity(low)
        rule named on workload w {
          deny "{w.name} matches {pattern}" when w.name == "web-1" and matches(w.name, pattern)
        }

        @id("INV-3") @severity(low)
        rule unreached on workload w {
          deny "never" when w.name == "nobody" and matches(w.name, pattern)
        }

        @id("INV-5") @severity(low)
        rule in_functions on workload w {
          deny "checked" when checked(w.name)
          deny "recent" when recent(w.name)
        }

        @id("INV-4") @severity(low)
        rule probes on workload w {
          for c in w.allContainers
            for i, p in [c.livenessProbe, c.readinessProbe]
              deny "probe {i} of {c.name} names a host" at p.httpGet.host when exists(p.httpGet.host)
        }
        """;

    public static TheoryData<string> Backends() => ["compiled", "interpreter"];

    [Theory]
    [MemberData(nameof(Backends))]
    public void Parameter_dependent_calls_use_the_bound_parameter_values(string backend)
    {
        Findings(backend, new() { ["invariants.version"] = "latest" }).ShouldContain(f => f.Id == "INV-1");
        Findings(backend, new() { ["invariants.version"] = "v1.19" }).ShouldNotContain(f => f.Id == "INV-1");
        Findings(backend, new() { ["invariants.version"] = "v1.20" }).ShouldContain(f => f.Id == "INV-1");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Invariant_calls_in_function_bodies_see_the_invariants_of_the_functions_they_call(string backend)
    {
        // checked() is written before later(), whose own invariant minor_of(version) it needs: it must not be
        // computed before that one (it would read an unset value and never fire).
        Messages(backend, "latest").ShouldBe(["checked", "recent"]);
        Messages(backend, "v1.21").ShouldBe(["checked"]);
        Messages(backend, "v1.22").ShouldBe(["checked", "recent"]);
        Messages(backend, "v1.20").ShouldBeEmpty();

        static List<string> Messages(string backend, string version) =>
            [.. Findings(backend, new() { ["invariants.version"] = version }).Where(f => f.Id == "INV-5").Select(f => f.Message)];
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_failing_invariant_call_fails_only_the_rules_that_reach_it(string backend)
    {
        var findings = Findings(backend, new() { ["invariants.pattern"] = "([unclosed" });
        findings.Where(f => f.Action == FindingAction.Error).Select(f => f.Id).ShouldBe(["INV-2"]);
        findings.ShouldContain(f => f.Id == "INV-1");
        findings.ShouldNotContain(f => f.Id == "INV-3");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void A_loop_over_a_list_literal_keeps_each_element_and_its_path(string backend)
    {
        Findings(backend, []).Where(f => f.Id == "INV-4").Select(f => (f.Message, f.Path)).ShouldBe(
        [
            ("probe 1 of app names a host", "/spec/containers/0/readinessProbe/httpGet/host"),
        ]);
    }

    [Fact]
    public void The_generated_code_computes_invariant_calls_once_and_allocates_no_list_for_literal_loops()
    {
        var source = Compile().Emit().GeneratedSource.ShouldNotBeNull();
        source.ShouldContain("private void InitInvariants()");
        source.ShouldContain("= F");
        source.ShouldNotContain("new global::System.Collections.Generic.List<global::k8s.Models.V1Probe>");
        // since("v1.22") in recent() is computed once; int(substring(…)) parses without the intermediate string.
        source.ShouldContain("(ctx, \"v1.22\"); } catch");
        source.ShouldContain("Ops.IntOfSubstring(");
    }

    private static List<Finding> Findings(string backend, Dictionary<string, object?> parameters)
    {
        var compilation = Compile();
        var values = new ParameterValues(parameters);
        var set = backend == "compiled"
            ? CompiledPolicySet.Load(compilation.Emit().Image.ShouldNotBeNull(), values)
            : ReferenceInterpreter.Create(compilation, values).ToPolicySet();
        return [.. new PolicyEngine(set).EvaluateManifest(TestDocuments.Manifest("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1"},
             "spec":{"containers":[{"name":"app","image":"nginx","readinessProbe":{"httpGet":{"host":"10.0.0.1","port":80}}}]}}
            """)).Findings];
    }

    private static Compilation Compile()
    {
        var compilation = Compilation.Create([new SourceText("invariants.policy", Source)]);
        compilation.GetDiagnostics().ShouldBeEmpty();
        return compilation;
    }
}
