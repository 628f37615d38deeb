// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Commands;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// <c>policylang test</c>: each test's pass or fail, a readable difference of expected and actual findings for a
/// failure, the rules no test exercises (a failure with <c>--require-coverage</c>), and exit codes.
/// </summary>
public sealed class TestCommandTests
{
    private const string Policy = """
        package covered

        @severity(high)
        rule tested on workload w {
          deny "pod {w.name} runs on the host network" at w.spec.hostNetwork when w.spec.hostNetwork == true
        }

        @severity(low)
        rule untested on workload w {
          warn "pod {w.name} has no service account" when not exists(w.spec.serviceAccountName)
        }

        test "host network is denied" {
          given manifest from "pod.yaml"
          expect deny tested at "/spec/hostNetwork"
        }
        """;

    private const string Fixture = """
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec: {hostNetwork: true, serviceAccountName: app, containers: [{name: a, image: nginx}]}
        """;

    [Fact]
    public void Rules_no_test_exercises_are_listed_with_their_place()
    {
        var path = Write(Policy);
        var (code, output) = Run(path, requireCoverage: false);
        code.ShouldBe(0, output);
        output.ShouldContain("PASS covered: \"host network is denied\"");
        output.ShouldContain("covered.policy:9: rule covered.untested is not exercised by any test");
        output.ShouldContain("rules covered: 1/2");
    }

    [Fact]
    public void Require_coverage_makes_an_untested_rule_a_failure()
    {
        var (code, output) = Run(Write(Policy), requireCoverage: true);
        code.ShouldBe(1, output);
        output.ShouldContain("covered.untested is not exercised by any test");
    }

    [Fact]
    public void A_failing_test_shows_what_was_expected_and_what_was_found()
    {
        var path = Write(Policy.Replace("expect deny tested at \"/spec/hostNetwork\"", "expect deny tested at \"/spec/hostPID\"", StringComparison.Ordinal));
        var (code, output) = Run(path, requireCoverage: false);
        code.ShouldBe(1, output);
        output.ShouldContain("FAIL covered: \"host network is denied\"");
        output.ShouldContain("expected at least one deny from tested at /spec/hostPID, found 0");
        output.ShouldContain("deny   tested: pod p runs on the host network at /spec/hostNetwork");
    }

    [Fact]
    public void A_policy_that_does_not_compile_exits_two()
    {
        var (code, output) = Run(Write(Policy.Replace("w.spec.hostNetwork == true", "w.spec.hostNetwrk == true", StringComparison.Ordinal)), requireCoverage: false);
        code.ShouldBe(2, output);
    }

    private static string Write(string policy)
    {
        var path = CliRunner.TempFile("covered.policy", policy);
        File.WriteAllText(Path.Combine(Path.GetDirectoryName(path) ?? ".", "pod.yaml"), Fixture);
        return path;
    }

    private static (int Code, string Output) Run(string path, bool requireCoverage)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = TestCommand.Run([path], filter: null, requireCoverage, verbose: false, TimeSpan.FromSeconds(30), noCache: true, output, error);
        return (code, output.ToString() + error);
    }
}
