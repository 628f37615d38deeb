// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace PolicyLang.Conformance.PodSecurity;

/// <summary>
/// The standard library's Pod Security Standards against the official Kubernetes fixtures: every fixture of every
/// level and version, evaluated at that level and version, gets the folder's verdict (see <see cref="FixtureEvaluator"/>).
/// </summary>
[Trait("Category", "Conformance")]
public sealed class PodSecurityConformanceTests
{
    private readonly ITestOutputHelper _output;

    public PodSecurityConformanceTests(ITestOutputHelper output)
    {
        _output = output;
    }

    /// <summary>One case per backend, level and version with fixtures; a single failing case when the fixtures are missing.</summary>
    public static TheoryData<Backend, string, string> Cases()
    {
        var data = new TheoryData<Backend, string, string>();
        if (!PodSecurityFixtures.Present)
        {
            data.Add(Backend.Compiled, "missing", "missing");
            return data;
        }

        foreach (var backend in Enum.GetValues<Backend>())
        {
            foreach (var level in PodSecurityFixtures.Levels)
            {
                foreach (var version in PodSecurityFixtures.Versions(level))
                {
                    data.Add(backend, level, version);
                }
            }
        }

        return data;
    }

    [Fact]
    public void The_fixtures_are_present()
    {
        PodSecurityFixtures.Present.ShouldBeTrue(PodSecurityFixtures.MissingMessage);
        foreach (var level in PodSecurityFixtures.Levels)
        {
            PodSecurityFixtures.Versions(level).ShouldNotBeEmpty($"{PodSecurityFixtures.Root}/{level} has no v1.<minor> folders");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_fixture_gets_the_upstream_verdict(Backend backend, string level, string version)
    {
        PodSecurityFixtures.Present.ShouldBeTrue(PodSecurityFixtures.MissingMessage);
        var outcomes = Run(backend, level, version);
        _output.WriteLine(CountsLine(level, version, outcomes));
        var failures = outcomes.Where(o => !o.Passed).Select(o => $"{o.Verdict}/{Path.GetFileName(o.File)}: {o.Problem}").ToArray();
        failures.ShouldBeEmpty($"{level} {version} ({backend}): {failures.Length} of {outcomes.Count} fixtures got the wrong verdict:\n{string.Join('\n', failures)}");
    }

    /// <summary>The counts per level and version, written to the test output and to <c>pod-security-conformance.md</c> beside the test assembly.</summary>
    [Fact]
    public void Report_the_counts_per_level_and_version()
    {
        PodSecurityFixtures.Present.ShouldBeTrue(PodSecurityFixtures.MissingMessage);
        var report = new StringBuilder("| level | version | pass fixtures passed | fail fixtures passed |\n|---|---|---|---|\n");
        var total = 0;
        var passed = 0;
        foreach (var level in PodSecurityFixtures.Levels)
        {
            var (levelPass, levelPassTotal, levelFail, levelFailTotal) = (0, 0, 0, 0);
            foreach (var version in PodSecurityFixtures.Versions(level))
            {
                var outcomes = Run(Backend.Compiled, level, version);
                var pass = outcomes.Where(o => o.Verdict == "pass").ToArray();
                var fail = outcomes.Where(o => o.Verdict == "fail").ToArray();
                report.Append(CultureInfo.InvariantCulture, $"| {level} | {version} | {pass.Count(o => o.Passed)}/{pass.Length} | {fail.Count(o => o.Passed)}/{fail.Length} |\n");
                (levelPass, levelPassTotal) = (levelPass + pass.Count(o => o.Passed), levelPassTotal + pass.Length);
                (levelFail, levelFailTotal) = (levelFail + fail.Count(o => o.Passed), levelFailTotal + fail.Length);
            }

            report.Append(CultureInfo.InvariantCulture, $"| **{level}** | **all** | **{levelPass}/{levelPassTotal}** | **{levelFail}/{levelFailTotal}** |\n");
            total += levelPassTotal + levelFailTotal;
            passed += levelPass + levelFail;
        }

        report.Append(CultureInfo.InvariantCulture, $"\n{passed} of {total} fixtures got the upstream verdict, as pods and as Deployment templates.\n");
        _output.WriteLine(report.ToString());
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "pod-security-conformance.md"), report.ToString());
        passed.ShouldBe(total);
    }

    private static List<FixtureOutcome> Run(Backend backend, string level, string version)
    {
        var policies = PodSecurityLevel.Get(level);
        var engine = policies.EngineAt(backend, version);
        var outcomes = new List<FixtureOutcome>();
        foreach (var verdict in new[] { "pass", "fail" })
        {
            outcomes.AddRange(PodSecurityFixtures.Files(level, version, verdict).Select(file => FixtureEvaluator.Evaluate(policies, engine, file, verdict)));
        }

        return outcomes;
    }

    private static string CountsLine(string level, string version, List<FixtureOutcome> outcomes)
    {
        var pass = outcomes.Where(o => o.Verdict == "pass").ToArray();
        var fail = outcomes.Where(o => o.Verdict == "fail").ToArray();
        return $"{level} {version}: pass {pass.Count(o => o.Passed)}/{pass.Length}, fail {fail.Count(o => o.Passed)}/{fail.Length}";
    }
}
