// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Extension.Tests;

/// <summary>The harness reports what failed: exit code, both output streams, time-outs and missing tools.</summary>
public sealed class ProcessRunnerTests
{
    [Fact]
    public void A_failing_command_is_described_with_its_exit_code_and_both_streams()
    {
        var result = ProcessRunner.Run("node", ["-e", "console.log('to stdout'); console.error('to stderr'); process.exit(3)"], RepositoryPaths.Root, TimeSpan.FromMinutes(1));
        result.Succeeded.ShouldBeFalse();
        result.ExitCode.ShouldBe(3);
        result.Describe().ShouldContain("exited with 3");
        result.Describe().ShouldContain("to stdout");
        result.Describe().ShouldContain("to stderr");
    }

    [Fact]
    public void A_command_that_runs_too_long_is_stopped_and_reported()
    {
        var result = ProcessRunner.Run("node", ["-e", "setTimeout(() => {}, 120000)"], RepositoryPaths.Root, TimeSpan.FromSeconds(2));
        result.TimedOut.ShouldBeTrue();
        result.Succeeded.ShouldBeFalse();
        result.Describe().ShouldContain("timed out");
    }

    [Fact]
    public void A_missing_tool_is_reported_by_name()
    {
        var result = ProcessRunner.Run("policylang-no-such-tool", [], RepositoryPaths.Root, TimeSpan.FromSeconds(10));
        result.Succeeded.ShouldBeFalse();
        result.Describe().ShouldContain("could not start policylang-no-such-tool");
    }

    [Fact]
    public void Long_output_keeps_its_end()
    {
        var result = new ProcessResult("x", 1, false, new string('a', 50) + "THE END", TimeSpan.Zero);
        result.Describe(maxOutput: 10).ShouldEndWith("aaaTHE END");
    }
}
