// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Findings;

namespace PolicyLang.Benchmarks.Baselines;

/// <summary>What two implementations must agree on for each finding: the rule id, the JSON pointer and the message.</summary>
public readonly record struct FindingKey(string RuleId, string? Path, string Message) : IComparable<FindingKey>
{
    public static FindingKey Of(Finding finding) => new(finding.Id, finding.Path, finding.Message);

    public int CompareTo(FindingKey other)
    {
        var byRule = string.CompareOrdinal(RuleId, other.RuleId);
        if (byRule != 0)
        {
            return byRule;
        }

        var byPath = string.CompareOrdinal(Path, other.Path);
        return byPath != 0 ? byPath : string.CompareOrdinal(Message, other.Message);
    }

    public override string ToString() => $"{RuleId} at {Path}: {Message}";
}
