// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Benchmarks.Baselines;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Benchmarks.Support;

/// <summary>Checks, before anything is timed, that the compiled policies and the hand-written code find the same things.</summary>
public static class Agreement
{
    /// <summary>Sorted keys of a subject's findings, errors included (an error finding never matches the baseline).</summary>
    public static FindingKey[] Keys(IEnumerable<Finding> findings) => [.. findings.Select(FindingKey.Of).Order()];

    public static FindingKey[] Keys(IEnumerable<FindingKey> findings) => [.. findings.Order()];

    /// <summary>Throws, naming the first subjects that differ, unless both sides found the same findings for every subject.</summary>
    public static void Require(string what, IReadOnlyList<FindingKey[]> compiled, IReadOnlyList<FindingKey[]> handWritten, Func<int, string> describe)
    {
        if (compiled.Count != handWritten.Count)
        {
            throw new InvalidOperationException($"{what}: {compiled.Count} compiled results for {handWritten.Count} subjects");
        }

        var report = new StringBuilder();
        var differing = 0;
        for (var i = 0; i < compiled.Count; i++)
        {
            if (compiled[i].SequenceEqual(handWritten[i]))
            {
                continue;
            }

            if (++differing <= 5)
            {
                report.Append("subject ").Append(i).Append(" (").Append(describe(i)).Append("):\n");
                foreach (var extra in compiled[i].Except(handWritten[i]))
                {
                    report.Append("  only compiled:     ").Append(extra).Append('\n');
                }

                foreach (var missing in handWritten[i].Except(compiled[i]))
                {
                    report.Append("  only hand-written: ").Append(missing).Append('\n');
                }
            }
        }

        if (differing > 0)
        {
            throw new InvalidOperationException($"{what}: the compiled policies and the hand-written baseline disagree on {differing} of {compiled.Count} subjects:\n{report}");
        }
    }

    /// <summary>The number of findings in all subjects (what a benchmark returns, so that nothing is optimised away).</summary>
    public static int Total(IReadOnlyList<FindingKey[]> results) => results.Sum(r => r.Length);
}
