// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Cli.Tests;

/// <summary>
/// The real executable keeps Roslyn out of the evaluating process: a cold run compiles in a child
/// <c>policylang check</c> that fills the compile cache, a warm run loads the cached assembly without parsing.
/// The phase trace (<c>POLICYLANG_TRACE_PHASES=1</c>) says whether Roslyn was loaded.
/// </summary>
public sealed class CompileProcessTests
{
    [Fact]
    public async Task A_cold_run_compiles_in_a_child_process_with_the_same_findings_as_in_process()
    {
        var child = await Eval(EmptyCache(), inProcess: false);
        child.Code.ShouldBe(1, child.Error);
        ReportedLine(child.Error).ShouldContain("roslyn not loaded");
        Directory.GetFiles(child.Cache, "*.dll").Length.ShouldBe(1);

        var inProcess = await Eval(EmptyCache(), inProcess: true);
        inProcess.Code.ShouldBe(1, inProcess.Error);
        ReportedLine(inProcess.Error).ShouldContain("roslyn loaded");
        Results(child.Output).ShouldBe(Results(inProcess.Output));
        Path.GetFileName(Directory.GetFiles(inProcess.Cache, "*.dll").Single()).ShouldBe(Path.GetFileName(Directory.GetFiles(child.Cache, "*.dll").Single()));
    }

    [Fact]
    public async Task A_run_without_the_cache_compiles_in_a_child_and_leaves_no_cache_or_temporary_files()
    {
        var cache = EmptyCache();
        var temp = EmptyCache();
        var environment = Environment(cache, inProcess: false);
        environment["TMPDIR"] = temp;
        var (code, output, error) = await ProcessRunner.Run(
            ["eval", "--no-cache", "-p", CliRunner.Example("policies"), CliRunner.Example("inputs", "manifests"), "-o", "json"], environment: environment);

        code.ShouldBe(1, error);
        ReportedLine(error).ShouldContain("roslyn not loaded");
        Directory.EnumerateFileSystemEntries(cache).ShouldBeEmpty("--no-cache wrote to the compile cache");
        Directory.EnumerateFileSystemEntries(temp).ShouldBeEmpty("the child's temporary cache was left behind");
        var inProcess = await Eval(EmptyCache(), inProcess: true);
        Results(output).ShouldBe(Results(inProcess.Output));
    }

    [Fact]
    public async Task A_warm_run_does_not_load_roslyn_even_when_compiling_in_process()
    {
        var cache = EmptyCache();
        (await Eval(cache, inProcess: true)).Code.ShouldBe(1);

        var warm = await Eval(cache, inProcess: true);
        warm.Code.ShouldBe(1, warm.Error);
        ReportedLine(warm.Error).ShouldContain("roslyn not loaded");
    }

    [Fact]
    public async Task Policies_that_do_not_compile_are_reported_by_the_evaluating_process()
    {
        var cache = EmptyCache();
        var policy = CliRunner.TempFile("bad.policy", "package bad\nrule r on workload w { deny \"x\" when w.spec.hostNetwrk }\n");
        var (code, output, error) = await ProcessRunner.Run(["eval", "-p", policy, CliRunner.Example("inputs", "manifests", "web.yaml")], environment: Environment(cache, inProcess: false));
        code.ShouldBe(2, output + error);
        error.ShouldContain("bad.policy:2:45: error PL0200: PodSpec has no field 'hostNetwrk'; did you mean 'hostNetwork'?");
        Directory.Exists(cache).ShouldBeTrue();
        Directory.GetFiles(cache, "*.dll").ShouldBeEmpty();
    }

    [Fact]
    public void A_child_compiler_that_hangs_is_killed_at_its_deadline_and_the_caller_falls_back()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // The stand-in child is a shell script.
        }

        // A stand-in for a policylang executable whose compile never ends: it records its process id and sleeps.
        var pidFile = CliRunner.TempFile("child.pid", string.Empty);
        var hanging = CliRunner.TempFile("hanging-policylang", $"#!/bin/sh\necho $$ > '{pidFile}'\nexec sleep 300\n");
        File.SetUnixFileMode(hanging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var filled = PolicyLang.Cli.Loading.OutOfProcessCompiler.TryFillCache(hanging, [CliRunner.Example("policies")], EmptyCache(), TimeSpan.FromSeconds(3));

        filled.ShouldBeFalse();
        var childId = int.Parse(File.ReadAllText(pidFile).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Should.Throw<ArgumentException>(() => System.Diagnostics.Process.GetProcessById(childId), "the hung child is still running");
    }

    private static async Task<(int Code, string Output, string Error, string Cache)> Eval(string cache, bool inProcess)
    {
        var (code, output, error) = await ProcessRunner.Run(
            ["eval", "-p", CliRunner.Example("policies"), CliRunner.Example("inputs", "manifests"), "-o", "json"],
            environment: Environment(cache, inProcess));
        return (code, output, error, cache);
    }

    private static Dictionary<string, string> Environment(string cache, bool inProcess) => new()
    {
        ["POLICYLANG_CACHE_DIR"] = cache,
        ["POLICYLANG_TRACE_PHASES"] = "1",
        ["POLICYLANG_COMPILE_IN_PROCESS"] = inProcess ? "1" : "0",
        ["CI"] = "true",
    };

    private static string EmptyCache()
    {
        var directory = Path.Combine(Path.GetTempPath(), "policylang-cache-test-" + Path.GetRandomFileName());
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string ReportedLine(string error) =>
        error.Split('\n').SingleOrDefault(l => l.StartsWith("phase reported", StringComparison.Ordinal)) ?? throw new ShouldAssertException("no 'phase reported' line in:\n" + error);

    private static string Results(string output) => CliRunner.Json(output).GetProperty("results").GetRawText();
}
