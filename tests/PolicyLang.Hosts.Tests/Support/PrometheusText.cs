// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text.RegularExpressions;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>
/// Checks text against the Prometheus exposition format (version 0.0.4): HELP and TYPE once per family and before
/// its samples, well-formed names, labels and values, counters named <c>_total</c>, and histograms whose buckets are
/// cumulative and end with <c>+Inf</c> equal to <c>_count</c>. Returns the samples by series.
/// </summary>
internal static partial class PrometheusText
{
    public static Dictionary<string, double> Parse(string text)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var helps = new HashSet<string>(StringComparer.Ordinal);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        text.ShouldEndWith("\n");
        foreach (var line in text.Split('\n').SkipLast(1))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                helps.Add(line.Split(' ')[2]).ShouldBeTrue($"HELP twice: {line}");
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                parts.Length.ShouldBe(4, line);
                parts[3].ShouldBeOneOf("counter", "gauge", "histogram", "summary", "untyped");
                types.TryAdd(parts[2], parts[3]).ShouldBeTrue($"TYPE twice: {line}");
                if (parts[3] == "counter")
                {
                    parts[2].ShouldEndWith("_total");
                }

                continue;
            }

            var match = Sample().Match(line);
            match.Success.ShouldBeTrue($"not a sample line: '{line}'");
            var name = match.Groups["name"].Value;
            var family = types.ContainsKey(name) ? name : Regex.Replace(name, "_(bucket|sum|count)$", string.Empty);
            types.ShouldContainKey(family, $"{name} has no TYPE before it");
            helps.ShouldContain(family);
            var value = match.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.TryAdd(name + match.Groups["labels"].Value, value).ShouldBeTrue($"series twice: {line}");
        }

        foreach (var (family, _) in types.Where(t => t.Value == "histogram"))
        {
            CheckHistogram(family, samples);
        }

        return samples;
    }

    private static void CheckHistogram(string family, Dictionary<string, double> samples)
    {
        var buckets = samples.Where(s => s.Key.StartsWith(family + "_bucket{", StringComparison.Ordinal))
            .Select(s => (Labels: LeLabel().Replace(s.Key[(family.Length + "_bucket".Length)..], string.Empty), Le: LeLabel().Match(s.Key).Groups["le"].Value, Count: s.Value))
            .GroupBy(b => b.Labels);
        foreach (var series in buckets)
        {
            var ordered = series.Select(b => (Bound: b.Le == "+Inf" ? double.PositiveInfinity : double.Parse(b.Le, CultureInfo.InvariantCulture), b.Count)).ToList();
            ordered.Select(b => b.Bound).ShouldBeInOrder(SortDirection.Ascending);
            ordered.Select(b => b.Count).ShouldBeInOrder(SortDirection.Ascending);
            ordered[^1].Bound.ShouldBe(double.PositiveInfinity);
            var labels = series.Key.Replace("{,", "{", StringComparison.Ordinal).Replace(",}", "}", StringComparison.Ordinal);
            labels = labels == "{}" ? string.Empty : labels;
            samples[family + "_count" + labels].ShouldBe(ordered[^1].Count);
            samples.ShouldContainKey(family + "_sum" + labels);
        }
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?<labels>\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*"(,[a-zA-Z_][a-zA-Z0-9_]*="([^"\\\n]|\\[\\"n])*")*)?\})? (?<value>-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?|\+Inf|-Inf|NaN)$""")]
    private static partial Regex Sample();

    [GeneratedRegex("""(,?le="(?<le>[^"]*)")""")]
    private static partial Regex LeLabel();
}
