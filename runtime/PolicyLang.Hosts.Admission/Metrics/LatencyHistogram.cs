// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;

namespace PolicyLang.Hosts.Admission.Metrics;

/// <summary>A Prometheus histogram of durations in seconds, lock-free to record.</summary>
public sealed class LatencyHistogram
{
    /// <summary>Bucket bounds in seconds: from 50µs (policy time is microseconds) to the webhook timeout range.</summary>
    public static readonly double[] Bounds = [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly long[] _counts = new long[Bounds.Length + 1];
    private long _sumNanoseconds;

    public void Record(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var index = 0;
        while (index < Bounds.Length && seconds > Bounds[index])
        {
            index++;
        }

        Interlocked.Increment(ref _counts[index]);
        Interlocked.Add(ref _sumNanoseconds, (long)(duration.Ticks * 100));
    }

    /// <summary>Writes the <c>_bucket</c>, <c>_sum</c> and <c>_count</c> series with the given labels.</summary>
    public void Write(StringBuilder output, string name, string labels)
    {
        long cumulative = 0;
        var separator = labels.Length > 0 ? "," : string.Empty;
        for (var i = 0; i < Bounds.Length; i++)
        {
            cumulative += Interlocked.Read(ref _counts[i]);
            output.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels}{separator}le=\"{Bounds[i].ToString("R", CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
        }

        cumulative += Interlocked.Read(ref _counts[^1]);
        output.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels}{separator}le=\"+Inf\"}} {cumulative}\n");
        output.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {(Interlocked.Read(ref _sumNanoseconds) / 1e9).ToString("R", CultureInfo.InvariantCulture)}\n");
        output.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {cumulative}\n");
    }
}
