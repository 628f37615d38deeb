// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;

namespace PolicyLang.Cli.Tests;

/// <summary>The real executable: argument parsing, exit codes and output streams.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Eval_takes_policies_and_inputs_from_the_command_line()
    {
        var (code, output, error) = await Run("eval", "-p", CliRunner.Example("policies"), "-p", CliRunner.Example("policies", "workloads.policy"), CliRunner.Example("inputs", "manifests", "web.yaml"), "-o", "json");
        code.ShouldBe(1, error);
        CliRunner.Json(output).GetProperty("summary").GetProperty("deny").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Check_prints_diagnostics_and_exits_two_on_errors()
    {
        var policy = CliRunner.TempFile("bad.policy", "package bad\nrule r on workload w { deny \"x\" when w.spec.hostNetwrk }\n");
        var (code, output, _) = await Run("check", "--no-cache", policy);
        code.ShouldBe(2);
        output.ShouldContain("bad.policy:2:45: error PL0200: PodSpec has no field 'hostNetwrk'; did you mean 'hostNetwork'?");
    }

    [Fact]
    public async Task Check_accepts_the_examples_and_the_standard_library()
    {
        var (code, output, error) = await Run("check", CliRunner.Example("policies"), Path.Combine(RepositoryPaths.Root, "policies-stdlib"));
        code.ShouldBe(0, output + error);
        output.ShouldContain(": 0 errors");
    }

    [Fact]
    public async Task Eval_of_the_examples_writes_text_and_json_for_all_five_subjects()
    {
        var (textCode, text, _) = await Run("eval", "-p", CliRunner.Example("policies"), CliRunner.Example("inputs"), "-o", "text");
        textCode.ShouldBe(1);
        foreach (var folder in new[] { "admission", "events", "hosts", "images", "manifests" })
        {
            text.ShouldContain($"examples/inputs/{folder}/", Case.Sensitive, folder);
        }

        var (jsonCode, json, _) = await Run("eval", "-p", CliRunner.Example("policies"), CliRunner.Example("inputs"), "-o", "json");
        jsonCode.ShouldBe(1);
        CliRunner.Json(json).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("subject").GetProperty("kind").GetString()).Distinct()
            .ShouldBe(["admission", "event", "host", "image", "manifest"], ignoreOrder: true);
    }

    [Fact]
    public async Task Test_runs_the_examples_tests()
    {
        var (code, output, error) = await Run("test", CliRunner.Example("policies"));
        code.ShouldBe(0, output + error);
        output.ShouldContain("PASS examples.workloads");
        output.ShouldContain("tests: 8 passed, 0 failed");
    }

    [Fact]
    public async Task Unknown_options_and_missing_arguments_exit_two()
    {
        (await Run("eval", "--policy")).ExitCode.ShouldBe(2);
        (await Run("frobnicate")).ExitCode.ShouldBe(2);
    }

    [Fact]
    public async Task Capabilities_lists_every_builtin_as_json()
    {
        var (code, output, _) = await Run("capabilities");
        code.ShouldBe(0);
        var builtins = CliRunner.Json(output).GetProperty("builtins").EnumerateArray().Select(b => b.GetProperty("name").GetString()).ToHashSet();
        builtins.ShouldContain("lower");
        builtins.ShouldContain("cidrContains");
        builtins.ShouldContain("semverCompare");
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] arguments)
    {
        var executable = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "policylang.exe" : "policylang");
        var start = new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("policylang did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
