// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Commands;
using PolicyLang.Cli.Loading;
using PolicyLang.Compiler;

namespace PolicyLang.Stdlib.Tests;

/// <summary>
/// The standard library as CI checks it: every test block passes with every rule exercised
/// (<c>policylang test policies-stdlib --require-coverage</c>), every rule carries the metadata of a catalogue entry,
/// and <c>policies-stdlib/README.md</c> is what <c>policylang doc</c> writes.
/// </summary>
public sealed class StdlibTests
{
    [Fact]
    public void Every_test_passes_and_every_rule_is_covered()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = TestCommand.Run([RepositoryPaths.Stdlib], filter: null, requireCoverage: true, verbose: false, TimeSpan.FromSeconds(60), noCache: true, output, error);
        code.ShouldBe(0, $"policylang test policies-stdlib --require-coverage failed:\n{output}\n{error}");
        output.ToString().ShouldContain(" 0 failed");
    }

    [Fact]
    public void Every_rule_has_an_id_title_description_and_remediation()
    {
        var (sources, errors) = PolicySources.Read([RepositoryPaths.Stdlib], PhysicalFileSystem.Instance);
        errors.ShouldBeEmpty();
        var emitted = Compilation.Create(sources).Emit();
        emitted.Success.ShouldBeTrue(string.Join('\n', emitted.Diagnostics));
        var incomplete = emitted.Manifest.ShouldNotBeNull().Policies.SelectMany(p => p.Rules)
            .Where(r => r.Id == $"{r.Policy}.{r.Name}" || string.IsNullOrWhiteSpace(r.Title) || string.IsNullOrWhiteSpace(r.Description) || string.IsNullOrWhiteSpace(r.Remediation))
            .Select(r => $"{r.SourceFile}:{r.Line}: {r.Policy}.{r.Name} needs @id, @title, a /// description and @remediation")
            .ToArray();
        incomplete.ShouldBeEmpty();
    }

    [Fact]
    public void Every_rule_has_a_test_where_it_fires_and_a_test_where_it_does_not()
    {
        var (sources, errors) = PolicySources.Read([RepositoryPaths.Stdlib], PhysicalFileSystem.Instance);
        errors.ShouldBeEmpty();
        var program = Compilation.Create(sources).GetSemanticModel().Program;
        var tests = program.Packages.SelectMany(p => p.Tests).ToArray();
        var missing = new List<string>();
        foreach (var rule in program.Packages.SelectMany(p => p.Rules))
        {
            // Fires: an expectation of at least one finding from the rule. Does not fire: an expectation of none from
            // it (by name, or "expect no deny" / "expect no finding" in a test of its package).
            var fires = tests.Any(t => t.Expectations.Any(e => e.Rule == rule.Symbol && !e.IsNegated && e.Count is not 0 && e.Action is not Runtime.Findings.FindingAction.Error));
            var quiet = tests.Any(t => t.Expectations.Any(e =>
                (e.Rule == rule.Symbol && (e.IsNegated || e.Count is 0))
                || (e.Rule is null && e.IsNegated && t.Symbol.Package == rule.Symbol.Package && (e.Action is null || rule.Actions.Contains(e.Action.Value)))));
            if (!fires || !quiet)
            {
                var source = rule.Symbol.Tree.Source;
                missing.Add($"{source.Path}:{source.GetLinePosition(rule.Symbol.NameSpan.Start).Line + 1}: {rule.Metadata.Id} has no test where it {(fires ? "does not fire" : quiet ? "fires" : "fires, nor one where it does not")}");
            }
        }

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void The_catalogue_is_up_to_date()
    {
        var error = new StringWriter();
        var catalogue = DocCommand.Render([RepositoryPaths.Stdlib], RepositoryPaths.Catalogue, noCache: true, error);
        catalogue.ShouldNotBeNull(error.ToString());
        File.Exists(RepositoryPaths.Catalogue).ShouldBeTrue("policies-stdlib/README.md is missing: run policylang doc policies-stdlib -o policies-stdlib/README.md");
        File.ReadAllText(RepositoryPaths.Catalogue).ReplaceLineEndings("\n").ShouldBe(
            catalogue,
            "policies-stdlib/README.md is out of date: run policylang doc policies-stdlib -o policies-stdlib/README.md");
    }
}
