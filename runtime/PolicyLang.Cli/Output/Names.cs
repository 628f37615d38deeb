// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>The lower-case names the outputs use for enum values (as the language writes them).</summary>
internal static class Names
{
    public static string Of(Severity severity) => severity switch
    {
        Severity.Info => "info",
        Severity.Low => "low",
        Severity.Medium => "medium",
        Severity.High => "high",
        _ => "critical",
    };

    public static string Of(FindingAction action) => action switch
    {
        FindingAction.Deny => "deny",
        FindingAction.Warn => "warn",
        FindingAction.Audit => "audit",
        FindingAction.Alert => "alert",
        FindingAction.Mutate => "mutate",
        _ => "error",
    };

    public static string Of(ReportFormat format) => format switch
    {
        ReportFormat.Text => "text",
        ReportFormat.Json => "json",
        ReportFormat.Sarif => "sarif",
        ReportFormat.Junit => "junit",
        _ => "github",
    };

    public static bool TryParseSeverity(string text, out Severity severity)
    {
        (var ok, severity) = text.Trim() switch
        {
            "info" => (true, Severity.Info),
            "low" => (true, Severity.Low),
            "medium" => (true, Severity.Medium),
            "high" => (true, Severity.High),
            "critical" => (true, Severity.Critical),
            _ => (false, Severity.Info),
        };
        return ok;
    }

    /// <summary>"1 finding", "2 findings".</summary>
    public static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
