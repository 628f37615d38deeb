// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>
/// Which findings fail a run (<c>--fail-on</c>): unskipped deny findings of at least the threshold severity. The
/// default threshold, info, is any deny. Warn, audit, alert and mutate findings never fail a run.
/// </summary>
internal sealed record FailGate(Severity Threshold)
{
    public static readonly FailGate AnyDeny = new(Severity.Info);

    public bool Fails(Finding finding) => finding.Action == FindingAction.Deny && !finding.IsSkipped && finding.Severity >= Threshold;

    /// <summary>Parses a <c>--fail-on</c> value (null or empty: any deny).</summary>
    public static bool TryParse(string? text, out FailGate gate, out string? error)
    {
        gate = AnyDeny;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (!Names.TryParseSeverity(text, out var threshold))
        {
            error = $"--fail-on {text}: expected info, low, medium, high or critical";
            return false;
        }

        gate = new FailGate(threshold);
        return true;
    }

    public override string ToString() => Threshold == Severity.Info ? "any deny" : $"deny of severity {Names.Of(Threshold)} or above";
}
