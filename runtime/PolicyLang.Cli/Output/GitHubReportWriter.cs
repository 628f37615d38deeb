// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>
/// GitHub Actions workflow commands, which the runner turns into annotations on the pull request's files:
/// <c>::error file=…,line=…,col=…,title=…::message</c> for findings that fail the gate and for errors,
/// <c>::warning</c> for other deny and warn findings and for warnings, <c>::notice</c> for the rest (audit, alert,
/// mutate, skipped). A plain summary line ends the output.
/// </summary>
internal sealed class GitHubReportWriter : IReportWriter
{
    private readonly TextWriter _writer;
    private FailGate _gate = FailGate.AnyDeny;
    private Dictionary<string, string> _titles = new(StringComparer.Ordinal);

    public GitHubReportWriter(Stream stream)
    {
        _writer = new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 65536, leaveOpen: true) { NewLine = "\n" };
    }

    public void Begin(ReportRun run)
    {
        _gate = run.Gate;
        _titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var rule in run.Rules)
        {
            _titles.TryAdd(rule.Id, RuleTitles.Of(rule));
        }
    }

    public void Message(ReportMessage message)
    {
        var command = message.Level switch
        {
            InputMessageLevel.Error => "error",
            InputMessageLevel.Warning => "warning",
            _ => "notice",
        };
        var title = message.Level switch
        {
            InputMessageLevel.Error => "policylang: input error",
            InputMessageLevel.Warning => "policylang: warning",
            _ => "policylang: skipped",
        };
        Command(command, message.Location, title, message.Message);
    }

    public void Result(SubjectResult result)
    {
        var subjectPlace = result.Subject.File is null ? null : new SourceLocation(result.Subject.File, result.Subject.Line, 0);
        foreach (var finding in result.Findings)
        {
            var command = finding.IsSkipped ? "notice"
                : _gate.Fails(finding) || finding.Action == FindingAction.Error ? "error"
                : finding.Action is FindingAction.Deny or FindingAction.Warn ? "warning"
                : "notice";
            var title = _titles.GetValueOrDefault(finding.Id) is { } ruleTitle ? $"{finding.Id} {ruleTitle}" : finding.Id;
            title += finding.IsSkipped ? " (skipped)" : $" ({Names.Of(finding.Severity)} {Names.Of(finding.Action)})";
            var message = $"{result.Subject.DisplayName}: {finding.Message}";
            if (finding.SkippedReason is { } reason)
            {
                message += $" (skipped: {reason})";
            }

            Command(command, finding.Location ?? subjectPlace, title, message);
        }

        foreach (var error in result.Errors)
        {
            Command("error", error.Location ?? subjectPlace, "policylang: input error", $"{result.Subject.DisplayName}: {error.Message}");
        }
    }

    public void End(ReportTally tally)
    {
        var outcome = tally.ExitCode switch
        {
            ExitCodes.Error => "errors",
            ExitCodes.PolicyFailure => $"failed: {Names.Count(tally.GateFailures, "finding")} at the gate ({tally.Gate})",
            _ => "passed",
        };
        _writer.WriteLine($"policylang: {Names.Count(tally.Subjects, "subject")} evaluated: {tally.Count(FindingAction.Deny)} deny, {tally.Count(FindingAction.Warn)} warn, {tally.Count(FindingAction.Audit)} audit, {tally.Skipped} skipped, {Names.Count(tally.InputErrors + tally.RuleErrors, "error")}: {outcome}");
        _writer.Flush();
    }

    public void Dispose() => _writer.Dispose();

    private void Command(string command, SourceLocation? location, string title, string message)
    {
        var properties = new List<string>();
        if (location is not null)
        {
            properties.Add("file=" + Property(location.File));
            if (location.Line > 0)
            {
                properties.Add("line=" + location.Line.ToString(System.Globalization.CultureInfo.InvariantCulture));
                if (location.Column > 0)
                {
                    properties.Add("col=" + location.Column.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        properties.Add("title=" + Property(title));
        _writer.WriteLine($"::{command} {string.Join(',', properties)}::{Data(message)}");
    }

    // The escapes of the runner's command parser (actions/toolkit, command.ts).
    private static string Data(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) =>
        Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
