// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;
using PolicyLang.Benchmarks.Support;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Tests;

/// <summary>
/// The `time` diagnostics (docs/performance.md) on a small corpus, untimed: each mode runs and prints its lines, with
/// the figures where the documentation's commands expect them.
/// </summary>
public sealed partial class RuleTimingTests
{
    [Fact]
    public void Interleaved_prints_the_three_passes_and_their_ratios()
    {
        var lines = Run("time", "pss", "clean", "1", "interleaved", "subjects=60");

        lines.Length.ShouldBe(3);
        lines[0].ShouldEndWith("ns  hand-written baseline (cold)");
        Figure(lines[0]).ShouldBeGreaterThan(0);
        lines[1].ShouldMatch(@"ns  SubjectEvaluator \(\d+\.\d\dx\)$");
        lines[2].ShouldMatch(@"ns  the engine's read-ahead alone \(\d+\.\d\dx; -?\d+\)$");
    }

    [Fact]
    public void Coldrules_prints_the_read_ahead_and_a_line_for_every_workload_rule()
    {
        var lines = Run("time", "pss", "mixed", "1", "coldrules", "subjects=40");

        lines[0].ShouldContain("ns  read-ahead alone (");
        var rules = lines.Skip(1).ToArray();
        rules.ShouldAllBe(l => l.EndsWith(" after the read-ahead", StringComparison.Ordinal));
        // The baseline rules the restricted ones override run too: both capabilities controls are there.
        rules.ShouldContain(l => l.Contains("PSS-B-004 capabilities", StringComparison.Ordinal));
        rules.ShouldContain(l => l.Contains("PSS-R-006 capabilities", StringComparison.Ordinal));
        var workloadRules = PolicyFixture.Engine(RepositoryPaths.PodSecurity).Rules.Count(r => r.Descriptor.Subject == SubjectKind.Workload);
        rules.Length.ShouldBe(workloadRules);
    }

    [Theory]
    [InlineData("many")]
    [InlineData("0")]
    [InlineData("-3")]
    public void A_count_that_is_not_a_positive_whole_number_is_refused_by_name(string passes)
    {
        var error = Should.Throw<ArgumentException>(() => RuleTiming.Run(["time", "pss", "clean", passes, "interleaved", "subjects=20"], TextWriter.Null));
        error.Message.ShouldBe($"time: \"{passes}\" is not a count (a positive whole number)");
    }

    private static string[] Run(params string[] args)
    {
        var output = new StringWriter();
        RuleTiming.Run(args, output).ShouldBe(0);
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    private static double Figure(string line) => double.Parse(Leading().Match(line).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(\d+) ns")]
    private static partial Regex Leading();
}
