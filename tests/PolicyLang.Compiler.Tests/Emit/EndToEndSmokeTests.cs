// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Compiler.Tests.Emit;

public sealed class EndToEndSmokeTests
{
    [Fact]
    public void Compiles_and_denies_a_privileged_deployment()
    {
        const string policy = """
            package smoke

            @severity(high)
            rule no_privileged on workload w {
              for c in w.allContainers
                deny "container {c.name} is privileged" at c.securityContext.privileged
                  when c.securityContext.privileged == true
            }

            rule escalation on workload w {
              for c in w.allContainers
                deny "container {c.name} must set allowPrivilegeEscalation: false"
                  at c.securityContext.allowPrivilegeEscalation
                  when c.securityContext.allowPrivilegeEscalation != false
            }
            """;
        var compilation = Compilation.Create([new SourceText("smoke.policy", policy)]);
        var result = compilation.Emit();
        result.Diagnostics.Where(d => d.IsError).ShouldBeEmpty(string.Join("\n", result.Diagnostics) + "\n" + result.GeneratedSource);
        var set = CompiledPolicySet.Load(result.Image!, ParameterValues.None);
        var engine = new PolicyEngine(set);
        var deployment = TestDocuments.Manifest("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"prod"},
             "spec":{"template":{"spec":{"containers":[
               {"name":"ok","image":"nginx","securityContext":{"allowPrivilegeEscalation":false}},
               {"name":"bad","image":"nginx","securityContext":{"privileged":true}}]}}}}
            """);
        var outcome = engine.EvaluateManifest(deployment);
        outcome.Findings.Select(f => (f.Rule, f.Message, f.Path)).ShouldBe(
        [
            ("no_privileged", "container bad is privileged", "/spec/template/spec/containers/1/securityContext/privileged"),
            ("escalation", "container bad must set allowPrivilegeEscalation: false", "/spec/template/spec/containers/1/securityContext/allowPrivilegeEscalation"),
        ]);
        outcome.Findings[0].Severity.ShouldBe(Severity.High);
        outcome.Denied.ShouldBeTrue();
    }
}
