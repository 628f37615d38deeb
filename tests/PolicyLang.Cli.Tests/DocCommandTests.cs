// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Commands;

namespace PolicyLang.Cli.Tests;

/// <summary><c>policylang doc</c>: the catalogue of rules from their compiled metadata, written or checked.</summary>
public sealed class DocCommandTests
{
    private const string Policy = """
        /// Example rules.
        @title("Examples")
        package examples.doc

        /// The registries images may come from.
        param registries: list<string> = ["ghcr.io"]

        /// Containers must not run privileged.
        @id("EX-1") @title("No privileged containers") @severity(high) @tags("security")
        @remediation("Remove securityContext.privileged.")
        rule privileged on workload w {
          for c in w.allContainers
            deny "container {c.name} is privileged" at c.securityContext.privileged when c.securityContext.privileged == true
        }

        /// Stricter.
        @id("EX-2") @title("Stricter") @severity(critical) @overrides(privileged) @remediation("Fix it.")
        rule stricter on manifest s match kinds ["Service"] {
          warn "service {s.metadata.name}"
        }
        """;

    [Fact]
    public void The_catalogue_lists_packages_parameters_and_rules()
    {
        var file = CliRunner.TempFile("doc.policy", Policy);
        var output = new StringWriter();
        var error = new StringWriter();
        DocCommand.Run([file], outputFile: null, check: false, noCache: true, output, error).ShouldBe(0, error.ToString());
        var text = output.ToString();
        text.ShouldContain("2 rules in 1 package.");
        text.ShouldContain("| `registries` | `list<string>` | `[\"ghcr.io\"]` | The registries images may come from. |");
        text.ShouldContain("| [EX-1](#ex-1) | No privileged containers | high | workload |");
        text.ShouldContain("| [EX-2](#ex-2) | Stricter | critical | manifest (Service) |");
        text.ShouldContain("**No privileged containers** — rule `examples.doc.privileged`, severity high, on workload, deny.");
        text.ShouldContain("Containers must not run privileged.");
        text.ShouldContain("- Remediation: Remove securityContext.privileged.");
        text.ShouldContain("- Replaces, where it applies: [EX-1](#ex-1) (No privileged containers)");
        text.ShouldContain("doc.policy)\n"); // linked relative to the current directory when written to standard output
    }

    [Fact]
    public void Check_reports_an_out_of_date_file_and_accepts_a_fresh_one()
    {
        var file = CliRunner.TempFile("doc.policy", Policy);
        var catalogue = Path.Combine(Path.GetDirectoryName(file)!, "README.md");
        DocCommand.Run([file], catalogue, check: true, noCache: true, new StringWriter(), new StringWriter()).ShouldBe(1);
        DocCommand.Run([file], catalogue, check: false, noCache: true, new StringWriter(), new StringWriter()).ShouldBe(0);
        DocCommand.Run([file], catalogue, check: true, noCache: true, new StringWriter(), new StringWriter()).ShouldBe(0);
        File.AppendAllText(catalogue, "edited by hand\n");
        var error = new StringWriter();
        DocCommand.Run([file], catalogue, check: true, noCache: true, new StringWriter(), error).ShouldBe(1);
        error.ToString().ShouldContain("is out of date");
    }

    [Fact]
    public void Policies_that_do_not_compile_are_an_error()
    {
        var file = CliRunner.TempFile("bad.policy", "package bad\n@severity(low)\nrule r on workload w { deny \"x\" when w.nope }\n");
        var error = new StringWriter();
        DocCommand.Run([file], outputFile: null, check: false, noCache: true, new StringWriter(), error).ShouldBe(2);
        error.ToString().ShouldContain("PL0200");
    }
}
