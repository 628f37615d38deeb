// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PolicyLang.Benchmarks;

/// <summary>
/// Runs the suites: <c>dotnet run -c Release --project tests/PolicyLang.Benchmarks -- --filter '*'</c> (BenchmarkDotNet
/// options work, except <c>--job</c>: pass <c>--short</c> for 3 iterations instead), or the end-to-end CLI benchmark:
/// <c>… -- cli [manifests] [cold runs] [warm runs]</c>, or its repository alone: <c>… -- generate &lt;directory&gt; [manifests]</c>.
/// See docs/performance.md.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "cli")
        {
            int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : fallback;
            return Cli.CliBenchmark.Run(Arg(1, 5_000), Arg(2, 3), Arg(3, 5), Console.Out);
        }

        // Allocations per subject, rule by rule (untimed, exact): … -- alloc pss clean|mixed, … -- alloc events, … -- alloc source pss|events
        if (args.Length > 0 && args[0] == "alloc")
        {
            return Support.AllocationProfile.Run(args, Console.Out);
        }

        // Time per subject, rule by rule (Stopwatch, indicative): … -- time pss clean|mixed [passes] [interleaved|coldrules] [subjects=N], … -- time events [passes]
        if (args.Length > 0 && args[0] == "time")
        {
            return Support.RuleTiming.Run(args, Console.Out);
        }

        // The benchmark's repository alone, to profile or time by hand: … -- generate <directory> [manifests]
        if (args.Length > 1 && args[0] == "generate")
        {
            var count = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5_000;
            Console.WriteLine($"{Corpus.ManifestRepository.Write(args[1], count)} files, {count} manifests below {args[1]}");
            return 0;
        }

        // In process: BenchmarkDotNet's generated runner projects rebuild the compiler with an absolute intermediate
        // path, which the ANTLR build tasks cannot handle; the in-process toolchain measures this Release build as it
        // is. Its timeout is raised for a machine shared with other work, where a benchmark can take many minutes.
        var job = (args.Contains("--short") ? Job.ShortRun : Job.Default)
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true));
        var config = DefaultConfig.Instance.AddJob(job.AsDefault());
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. args.Where(a => a != "--short")], config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
