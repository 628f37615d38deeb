// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>The human report: findings grouped by file, one line each with place, severity, action, rule id and message; then a summary.</summary>
internal static class TextReportWriter
{
    public static void Write(TextWriter writer, EvaluationReport report, bool color)
    {
        string Paint(string text, string code) => color ? $"\u001b[{code}m{text}\u001b[0m" : text;

        foreach (var error in report.Errors)
        {
            writer.WriteLine($"{(error.Location is null ? string.Empty : error.Location + ": ")}{Paint("error", "31;1")}: {error.Message}");
        }

        var byFile = report.Results
            .SelectMany(r => r.Findings.Select(f => (Result: r, Finding: f)))
            .GroupBy(x => x.Finding.Location?.File ?? x.Result.Subject.File ?? "-", StringComparer.Ordinal);
        foreach (var group in byFile)
        {
            writer.WriteLine(Paint(group.Key, "1"));
            foreach (var (result, finding) in group)
            {
                var place = finding.Location is { } l ? $"{l.File}:{l.Line}:{l.Column}" : result.Subject.File ?? "-";
                var action = finding.IsSkipped ? "skipped" : finding.Action.ToString().ToLowerInvariant();
                var actionText = finding.IsSkipped ? Paint(action, "2") : finding.Action switch
                {
                    FindingAction.Deny or FindingAction.Error => Paint(action, "31;1"),
                    FindingAction.Warn or FindingAction.Alert => Paint(action, "33"),
                    _ => Paint(action, "36"),
                };
                var severity = finding.Severity.ToString().ToUpperInvariant();
                writer.WriteLine($"  {place}  {severity,-8} {actionText,-7} {finding.Id}  {result.Subject.DisplayName}: {finding.Message}{(finding.IsSkipped ? $" (skipped: {finding.SkippedReason})" : string.Empty)}");
            }
        }

        foreach (var result in report.Results.Where(r => r.Errors.Count > 0))
        {
            foreach (var error in result.Errors)
            {
                writer.WriteLine($"{(error.Location is null ? result.Subject.File + ": " : error.Location + ": ")}{Paint("error", "31;1")}: {result.Subject.DisplayName}: {error.Message}");
            }
        }

        var subjects = report.Results.Count;
        var summary = $"{subjects} subject{(subjects == 1 ? string.Empty : "s")} evaluated: {report.Count(FindingAction.Deny)} deny, {report.Count(FindingAction.Warn)} warn, {report.Count(FindingAction.Audit)} audit, {report.Count(FindingAction.Alert)} alert";
        if (report.Count(FindingAction.Mutate) > 0)
        {
            summary += $", {report.Count(FindingAction.Mutate)} mutate";
        }

        if (report.Skipped > 0)
        {
            summary += $", {report.Skipped} skipped";
        }

        var errors = report.RuleErrors + report.Errors.Count + report.Results.Sum(r => r.Errors.Count);
        if (errors > 0)
        {
            summary += $", {errors} error{(errors == 1 ? string.Empty : "s")}";
        }

        writer.WriteLine(report.HasDenials || errors > 0 ? Paint(summary, "31;1") : Paint(summary, "32"));
    }
}
