// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Input;
using PolicyLang.Cli.Testing;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// The semantic corpus: each <c>Cases/Semantics/*.policy</c> file holds rules and the tests that pin their behaviour;
/// every test must pass, on the compiled delegates and on the reference interpreter alike (the corpus is independent
/// of the back end). <c>Cases/MustFail/*.policy</c> holds tests that must fail, proving the runner checks them.
/// A new case is a new file.
/// </summary>
public sealed class PolicyCaseTests
{
    public static TheoryData<string> Semantics() => Files("Semantics");

    public static TheoryData<string> MustFail() => Files("MustFail");

    [Theory]
    [MemberData(nameof(Semantics))]
    public void Every_test_in_the_case_passes(string file)
    {
        var result = Run(Path.Combine(RepositoryPaths.Cases("Semantics"), file));
        result.Outcomes.ShouldNotBeEmpty();
        var failures = result.Outcomes.Where(o => !o.Passed).Select(o => o.Name + "\n  " + string.Join("\n  ", o.Failures));
        failures.ShouldBeEmpty();
        result.UncoveredRules.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Semantics))]
    public void Every_test_in_the_case_passes_on_the_reference_interpreter(string file)
    {
        var path = Path.Combine(RepositoryPaths.Cases("Semantics"), file);
        var compilation = Compilation.Create([new SourceText(path, File.ReadAllText(path))]);
        compilation.GetDiagnostics().Where(d => d.IsError).ShouldBeEmpty();
        var result = new PolicyTestRunner(compilation, parameters => ReferenceInterpreter.Create(compilation, parameters).ToPolicySet(), new FixtureReader(), TimeSpan.FromSeconds(30)).Run();
        result.Outcomes.ShouldNotBeEmpty();
        var failures = result.Outcomes.Where(o => !o.Passed).Select(o => o.Name + "\n  " + string.Join("\n  ", o.Failures));
        failures.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(MustFail))]
    public void Every_test_in_the_case_fails(string file)
    {
        var result = Run(Path.Combine(RepositoryPaths.Cases("MustFail"), file));
        result.Outcomes.ShouldNotBeEmpty();
        result.Outcomes.Where(o => o.Passed).Select(o => o.Name).ShouldBeEmpty();
        result.Outcomes.ShouldAllBe(o => o.Failures.Count > 0);
    }

    [Fact]
    public void Failures_say_what_was_expected_and_what_was_found()
    {
        var result = Run(Path.Combine(RepositoryPaths.Cases("MustFail"), "failing-expectations.policy"));
        var message = result.Outcomes.Single(o => o.Title == "expects the wrong message").Failures.Single();
        message.ShouldContain("expected at least one warn from always with message \"hello y\", found 0");
        message.ShouldContain("warn   always: hello x at /metadata/name");
        result.Outcomes.Single(o => o.Title == "fixture file is missing").Failures.ShouldContain(f => f.Contains("does-not-exist.yaml"));
    }

    private static TestRunResult Run(string path)
    {
        var compilation = Compilation.Create([new SourceText(path, File.ReadAllText(path))]);
        var emitted = compilation.Emit();
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
        var image = emitted.Image ?? throw new InvalidOperationException("no image");
        return new PolicyTestRunner(compilation, image, new FixtureReader(), TimeSpan.FromSeconds(30)).Run();
    }

    private static TheoryData<string> Files(string suite)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryPaths.Cases(suite), "*.policy").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }
}
