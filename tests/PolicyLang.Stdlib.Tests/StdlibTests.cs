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
