// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>
/// How severities and actions map to SARIF: <c>level</c> (error, warning, note) and the <c>security-severity</c>
/// score code scanning ranks alerts by (over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, below low).
/// </summary>
internal static class SarifLevels
{
    /// <summary>
    /// deny: error from medium up, warning at low, note at info. warn: warning (note at info). alert: error from high
    /// up, warning at low and medium, note at info. audit and mutate: note.
    /// </summary>
    public static string Level(FindingAction action, Severity severity) => action switch
    {
        FindingAction.Deny => severity >= Severity.Medium ? "error" : severity == Severity.Low ? "warning" : "note",
        FindingAction.Warn => severity == Severity.Info ? "note" : "warning",
        FindingAction.Alert => severity >= Severity.High ? "error" : severity == Severity.Info ? "note" : "warning",
        FindingAction.Error => "error",
        _ => "note",
    };

    /// <summary>The level of a rule's results when it denies, else the mildest action it can take.</summary>
    public static string DefaultLevel(RuleDescriptor rule)
    {
        var action = rule.Actions.Contains(FindingAction.Deny) ? FindingAction.Deny
            : rule.Actions.Contains(FindingAction.Alert) ? FindingAction.Alert
            : rule.Actions.Contains(FindingAction.Warn) ? FindingAction.Warn
            : rule.Actions.Count > 0 ? rule.Actions[0]
            : FindingAction.Deny;
        return Level(action, rule.Severity);
    }

    public static string SecuritySeverity(Severity severity) => severity switch
    {
        Severity.Critical => "9.5",
        Severity.High => "8.0",
        Severity.Medium => "5.5",
        Severity.Low => "3.0",
        _ => "0.0",
    };
}
