// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;

namespace PolicyLang.Hosts.Load;

/// <summary>
/// The figures of a run. Latencies are measured from each request's scheduled send time (open loop), so a server
/// that stalls cannot hide it by slowing the sender down.
/// </summary>
public sealed record LoadReport
{
    public required int Requests { get; init; }

    /// <summary>Answers that were not a 200 AdmissionReview echoing the request's uid (or no answer).</summary>
    public required int Errors { get; init; }

    /// <summary>Answers with <c>allowed: false</c>.</summary>
    public required int Denied { get; init; }

    /// <summary>Reviews expected to be denied (the mix sent).</summary>
    public required int ExpectedDenied { get; init; }

    /// <summary>Answers whose decision differed from the one expected for the review sent.</summary>
    public required int WrongDecisions { get; init; }

    public required TimeSpan Elapsed { get; init; }

    /// <summary>Latencies in milliseconds from each request's planned send time, sorted.</summary>
    public required IReadOnlyList<double> LatenciesMs { get; init; }

    /// <summary>Latencies in milliseconds from each request's actual send (the generator's own lateness left out), sorted.</summary>
    public IReadOnlyList<double> ServiceLatenciesMs { get; init; } = [];

    /// <summary>CPU seconds used by the server during the measurement (null when no server pid was given).</summary>
    public double? ServerCpuSeconds { get; init; }

    public required double GeneratorCpuSeconds { get; init; }

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    private static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    public double MaxMs => LatenciesMs.Count == 0 ? 0 : LatenciesMs[^1];

    private static string Line(string title, IReadOnlyList<double> sorted) =>
        string.Create(CultureInfo.InvariantCulture, $"{title}: p50 {Percentile(sorted, 0.50):F3}  p90 {Percentile(sorted, 0.90):F3}  p99 {Percentile(sorted, 0.99):F3}  p99.9 {Percentile(sorted, 0.999):F3}  max {(sorted.Count == 0 ? 0 : sorted[^1]):F3}");

    public string Format()
    {
        var seconds = Elapsed.TotalSeconds;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"requests {Requests} in {seconds:F1} s ({Requests / seconds:F0}/s), denied {Denied} (expected {ExpectedDenied}), wrong decisions {WrongDecisions}, errors {Errors}"),
            Line("latency ms from the planned send", LatenciesMs),
            Line("latency ms from the actual send ", ServiceLatenciesMs),
        };
        var cpu = ServerCpuSeconds is { } server
            ? string.Create(CultureInfo.InvariantCulture, $"server CPU {server:F1} s = {100 * server / seconds:F0}% of one core; ")
            : string.Empty;
        lines.Add(cpu + string.Create(CultureInfo.InvariantCulture, $"load generator CPU {GeneratorCpuSeconds:F1} s = {100 * GeneratorCpuSeconds / seconds:F0}% of one core ({Environment.ProcessorCount} cores)"));
        return string.Join(Environment.NewLine, lines);
    }
}
