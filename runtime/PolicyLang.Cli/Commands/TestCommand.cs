// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Cli.Input;
using PolicyLang.Cli.Loading;
using PolicyLang.Cli.Output;
using PolicyLang.Cli.Testing;
using PolicyLang.Compiler;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// <c>policylang test &lt;paths&gt;</c>: run the test blocks of policies, print each test's result with a readable
/// account of expected versus actual findings, and report the rules no test exercises.
/// Exit 0 when every test passes, 1 when one fails, 2 on compile errors.
/// </summary>
internal static class TestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy files or directories.", Arity = ArgumentArity.OneOrMore };
        var run = new Option<string?>("--run") { Description = "Run only tests whose title contains this text." };
        var requireCoverage = new Option<bool>("--require-coverage") { Description = "Fail when a rule is not exercised by any test." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print the findings of passing tests too." };
        var timeout = new Option<int>("--timeout") { Description = "Seconds each test may take.", DefaultValueFactory = _ => 30 };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the compile cache." };
        var command = new Command("test", "Run the tests written in policies.");
        command.Arguments.Add(paths);
        command.Options.Add(run);
        command.Options.Add(requireCoverage);
        command.Options.Add(verbose);
        command.Options.Add(timeout);
        command.Options.Add(noCache);
        command.SetAction(parsed => Run(
            parsed.GetValue(paths) ?? [],
            parsed.GetValue(run),
            parsed.GetValue(requireCoverage),
            parsed.GetValue(verbose),
            TimeSpan.FromSeconds(Math.Max(1, parsed.GetValue(timeout))),
            parsed.GetValue(noCache),
            Console.Out,
            Console.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, string? filter, bool requireCoverage, bool verbose, TimeSpan timeout, bool noCache, TextWriter output, TextWriter error)
    {
        var (sources, readErrors) = PolicySources.Read(paths, PhysicalFileSystem.Instance);
        foreach (var message in readErrors)
        {
            error.WriteLine("policylang: " + message);
        }

        if (readErrors.Count > 0 || sources.Count == 0)
        {
            if (sources.Count == 0 && readErrors.Count == 0)
            {
                error.WriteLine($"policylang: no .policy files found in {string.Join(", ", paths)}");
            }

            return ExitCodes.Error;
        }

        var compilation = Compilation.Create(sources);
        var emitted = compilation.Emit(noCache ? null : DiskCompileCache.Default());
        if (!emitted.Success || emitted.Image is null)
        {
            DiagnosticPrinter.Print(error, emitted.Diagnostics.Where(d => d.IsError), withContext: true);
            return ExitCodes.Error;
        }

        var runner = new PolicyTestRunner(compilation, emitted.Image, new FixtureReader(), timeout);
        var result = runner.Run(filter is null ? null : t => t.Symbol.Name.Contains(filter, StringComparison.OrdinalIgnoreCase));
        foreach (var outcome in result.Outcomes)
        {
            output.WriteLine($"{(outcome.Passed ? "PASS" : "FAIL")} {outcome.Name} ({outcome.File}:{outcome.Line}, {outcome.Duration.TotalMilliseconds:0} ms)");
            foreach (var failure in outcome.Failures)
            {
                foreach (var line in failure.Split('\n'))
                {
                    output.WriteLine("    " + line);
                }
            }

            if (verbose && outcome.Passed)
            {
                foreach (var finding in outcome.Findings)
                {
                    output.WriteLine("    " + PolicyTestRunner.FindingLine(finding));
                }
            }
        }

        foreach (var uncovered in result.UncoveredRules)
        {
            output.WriteLine((requireCoverage ? "error: " : "warning: ") + uncovered);
        }

        var covered = result.RuleCount - result.UncoveredRules.Count;
        output.WriteLine($"tests: {result.Passed} passed, {result.Failed} failed; rules covered: {covered}/{result.RuleCount}");
        if (result.Outcomes.Count == 0)
        {
            output.WriteLine("no tests found");
        }

        return result.Failed > 0 || (requireCoverage && result.UncoveredRules.Count > 0) ? ExitCodes.PolicyFailure : ExitCodes.Success;
    }
}
