// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Parsing;

public sealed class ParserSmokeTests
{
    [Fact]
    public void Parses_the_design_sketch()
    {
        const string text = """
            package kubernetes.pod_security.restricted

            /// Containers must not allow privilege escalation.
            @severity(high) @tags("pss:restricted")
            rule allow_privilege_escalation on workload w {
              for c in w.allContainers
                deny "container {c.name} must set allowPrivilegeEscalation: false"
                  at c.securityContext.allowPrivilegeEscalation
                  when c.securityContext.allowPrivilegeEscalation != false
            }

            list shell_binaries = ["bash", "sh", "zsh", "dash", "ash"]

            @severity(medium) @tags("mitre:T1059")
            rule shell_in_container on event e
              when e.type == "execve" and e.container.id != "host" and e.proc.name in shell_binaries
              alert "shell {e.proc.cmdline} in {e.k8s.namespace}/{e.k8s.pod}"

            test "privileged escalation is denied" {
              given manifest from "fixtures/escalation.yaml"
              expect deny allow_privilege_escalation
            }
            """;
        var tree = PolicyParser.Parse(new SourceText("sketch.policy", text));
        tree.Diagnostics.ShouldBeEmpty();
        tree.PackageName.ShouldBe("kubernetes.pod_security.restricted");
        tree.Root.Declarations.Count.ShouldBe(4);
        var rule = tree.Root.Declarations[0].ShouldBeOfType<RuleDeclarationSyntax>();
        rule.Doc.ShouldBe("Containers must not allow privilege escalation.");
        rule.Subject.Name.ShouldBe("workload");
        var body = rule.Body.ShouldBeOfType<BlockStatementSyntax>();
        var loop = body.Statements[0].ShouldBeOfType<ForStatementSyntax>();
        var deny = loop.Body.ShouldBeOfType<ActionStatementSyntax>();
        deny.Message.ShouldBeOfType<InterpolatedStringSyntax>().Parts.Count.ShouldBe(3);
        deny.At.ShouldNotBeNull();
        deny.When.ShouldBeOfType<BinaryExpressionSyntax>().Operator.ShouldBe(BinaryOperator.NotEqual);
    }

    [Fact]
    public void Reports_every_syntax_error_and_goes_on()
    {
        const string text = """
            package p
            rule a on workload w {
              deny "x" when (1 +
            }
            rule b on workload w {
              deny "y" when w.kind == == "Pod"
            }
            rule c on workload w { deny "z" when $ }
            """;
        var tree = PolicyParser.Parse(new SourceText("bad.policy", text));
        tree.Diagnostics.Count.ShouldBeGreaterThanOrEqualTo(3);
        tree.Diagnostics.Select(d => d.Source.GetLinePosition(d.Span.Start).Line).Distinct().Count().ShouldBeGreaterThanOrEqualTo(3);
        tree.Diagnostics.ShouldAllBe(d => d.Code.StartsWith("PL00"));
        tree.Diagnostics.ShouldNotContain(d => d.Message.Contains("mismatched input") || d.Message.Contains("viable"));
        tree.Root.Declarations.OfType<RuleDeclarationSyntax>().Select(r => r.Name.Name).ShouldContain("c");
    }
}
