// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Benchmarks.Support;

namespace PolicyLang.Benchmarks.Cli;

/// <summary>
/// Benchmark 5: <c>policylang eval -p policies-stdlib</c> end to end over a generated repository of manifests, in
/// fresh processes: cold (empty compile cache: parse, bind, Roslyn) and warm (cached assembly), wall time and peak RSS
/// measured by <c>/usr/bin/time -v</c>. BenchmarkDotNet is not used here: the unit is a whole process.
/// Needs the Release CLI: <c>dotnet build -c Release runtime/PolicyLang.Cli</c>.
/// </summary>
public static partial class CliBenchmark
{
    public static int Run(int manifests, int coldRuns, int warmRuns, TextWriter output)
    {
        var cli = Path.Combine(RepositoryPaths.Root, "runtime", "PolicyLang.Cli", "bin", "Release", "net10.0", "policylang");
        if (!File.Exists(cli))
        {
            output.WriteLine($"{cli} is missing: run dotnet build -c Release runtime/PolicyLang.Cli first");
            return 2;
        }

        if (!File.Exists("/usr/bin/time"))
        {
            output.WriteLine("/usr/bin/time is missing (apt-get install time): it measures the peak RSS");
            return 2;
        }

        var work = Path.Combine(Path.GetTempPath(), "policylang-cli-benchmark-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        var repository = Path.Combine(work, "manifests");
        try
        {
            var files = ManifestRepository.Write(repository, manifests);
            output.WriteLine($"{manifests} manifests in {files} files below {repository}; policies: policies-stdlib");
            var cold = new List<Measurement>();
            for (var i = 0; i < coldRuns; i++)
            {
                cold.Add(Measure(cli, repository, Path.Combine(work, "cache-cold-" + i.ToString(CultureInfo.InvariantCulture))));
            }

            var warmCache = Path.Combine(work, "cache-warm");
            _ = Measure(cli, repository, warmCache);
            var warm = new List<Measurement>();
            for (var i = 0; i < warmRuns; i++)
            {
                warm.Add(Measure(cli, repository, warmCache));
            }

            output.WriteLine();
            output.WriteLine("| run | wall time (median) | min – max | CPU, user + sys (median) | peak RSS (max) | documents/s |");
            output.WriteLine("|---|---|---|---|---|---|");
            Row(output, $"cold (no compile cache), {coldRuns} runs", cold, manifests);
            Row(output, $"warm (compile cache), {warmRuns} runs", warm, manifests);
            output.WriteLine();
            output.WriteLine($"exit code {warm[0].ExitCode} (1: deny findings), {warm[0].OutputLines} lines of output");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static void Row(TextWriter output, string name, List<Measurement> runs, int manifests)
    {
        var seconds = runs.Select(r => r.Seconds).Order().ToArray();
        var median = seconds[seconds.Length / 2];
        var cpu = runs.Select(r => r.CpuSeconds).Order().ToArray()[runs.Count / 2];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {median:0.00} s | {seconds[0]:0.00} – {seconds[^1]:0.00} s | {cpu:0.00} s | {runs.Max(r => r.PeakRssKb) / 1024.0:0} MB | {manifests / median:0} |"));
    }

    private static Measurement Measure(string cli, string repository, string cacheDirectory)
    {
        var start = new ProcessStartInfo("/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryPaths.Root,
        };
        foreach (var argument in new[] { "-v", cli, "eval", "-p", "policies-stdlib", repository })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["POLICYLANG_CACHE_DIR"] = cacheDirectory;
        start.Environment["CI"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start /usr/bin/time");
        var lines = 0;
        process.OutputDataReceived += (_, e) => lines += e.Data is null ? 0 : 1;
        process.BeginOutputReadLine();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var wall = WallTime().Match(error);
        var rss = PeakRss().Match(error);
        var user = UserTime().Match(error);
        var system = SystemTime().Match(error);
        if (!wall.Success || !rss.Success || !user.Success || !system.Success || process.ExitCode is not (0 or 1))
        {
            throw new InvalidOperationException($"policylang eval failed (exit {process.ExitCode}):\n{error}");
        }

        // Children included (GNU time waits for them): a cold run's compiling child counts.
        var cpuSeconds = double.Parse(user.Groups[1].Value, CultureInfo.InvariantCulture) + double.Parse(system.Groups[1].Value, CultureInfo.InvariantCulture);
        return new Measurement(ParseWallTime(wall.Groups[1].Value), cpuSeconds, long.Parse(rss.Groups[1].Value, CultureInfo.InvariantCulture), process.ExitCode, lines);
    }

    // h:mm:ss or m:ss.ss
    private static double ParseWallTime(string text) =>
        text.Split(':').Aggregate(0.0, (total, part) => (total * 60) + double.Parse(part, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([0-9:.]+)")]
    private static partial Regex WallTime();

    [GeneratedRegex(@"Maximum resident set size \(kbytes\): ([0-9]+)")]
    private static partial Regex PeakRss();

    [GeneratedRegex(@"User time \(seconds\): ([0-9.]+)")]
    private static partial Regex UserTime();

    [GeneratedRegex(@"System time \(seconds\): ([0-9.]+)")]
    private static partial Regex SystemTime();

    private sealed record Measurement(double Seconds, double CpuSeconds, long PeakRssKb, int ExitCode, int OutputLines);
}
