// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>
/// The human report: findings grouped by file (a header line per file, then one line per finding with place,
/// severity, action, rule id, subject and message), messages where they occur, then a summary. Colour (ANSI) only
/// when asked for, which the CLI does only for a terminal.
/// </summary>
internal sealed class TextReportWriter : IReportWriter
{
    private readonly TextWriter _writer;
    private readonly bool _color;
    private readonly bool _ownsWriter;
    private FailGate _gate = FailGate.AnyDeny;
    private string? _group;

    public TextReportWriter(Stream stream, bool color)
        : this(new StreamWriter(stream, new UTF8Encoding(false), bufferSize: 65536, leaveOpen: true), color, ownsWriter: true)
    {
    }

    public TextReportWriter(TextWriter writer, bool color, bool ownsWriter = false)
    {
        _writer = writer;
        _color = color;
        _ownsWriter = ownsWriter;
    }

    public void Begin(ReportRun run) => _gate = run.Gate;

    public void Message(ReportMessage message)
    {
        var level = message.Level switch
        {
            InputMessageLevel.Error => Paint("error", "31;1"),
            InputMessageLevel.Warning => Paint("warning", "33;1"),
            _ => Paint("notice", "2"),
        };
        _writer.WriteLine((message.Location is null ? string.Empty : message.Location + ": ") + level + ": " + message.Message);

        // The next finding repeats its file's header, so that no finding line reads as under the message.
        _group = null;
    }

    public void Result(SubjectResult result)
    {
        foreach (var finding in result.Findings)
        {
            var file = finding.Location?.File ?? result.Subject.File ?? "-";
            if (!string.Equals(file, _group, StringComparison.Ordinal))
            {
                _group = file;
                _writer.WriteLine(Paint(file, "1"));
            }

            var place = finding.Location?.ToString() ?? PlaceOf(result.Subject);
            var action = finding.IsSkipped ? "skipped" : Names.Of(finding.Action);
            var code = finding.IsSkipped ? "2" : finding.Action switch
            {
                FindingAction.Deny when _gate.Fails(finding) => "31;1",
                FindingAction.Error => "31;1",
                FindingAction.Deny or FindingAction.Warn or FindingAction.Alert => "33",
                _ => "36",
            };
            var severity = Names.Of(finding.Severity).ToUpperInvariant();
            var skipped = finding.IsSkipped ? $" (skipped: {finding.SkippedReason})" : string.Empty;
            _writer.WriteLine($"  {place}  {severity,-8} {Paint(action.PadRight(7), code)} {finding.Id}  {result.Subject.DisplayName}: {finding.Message}{skipped}");
        }

        foreach (var error in result.Errors)
        {
            var place = error.Location?.ToString() ?? PlaceOf(result.Subject);
            _writer.WriteLine($"{place}: {Paint("error", "31;1")}: {result.Subject.DisplayName}: {error.Message}");
            _group = null;
        }
    }

    public void End(ReportTally tally)
    {
        var summary = new StringBuilder();
        summary.Append($"{Names.Count(tally.Subjects, "subject")} evaluated: {tally.Count(FindingAction.Deny)} deny, {tally.Count(FindingAction.Warn)} warn, {tally.Count(FindingAction.Audit)} audit, {tally.Count(FindingAction.Alert)} alert");
        if (tally.Count(FindingAction.Mutate) > 0)
        {
            summary.Append($", {tally.Count(FindingAction.Mutate)} mutate");
        }

        if (tally.Skipped > 0)
        {
            summary.Append($", {tally.Skipped} skipped");
        }

        var errors = tally.RuleErrors + tally.InputErrors;
        if (errors > 0)
        {
            summary.Append($", {Names.Count(errors, "error")}");
        }

        if (tally.Warnings > 0)
        {
            summary.Append($", {Names.Count(tally.Warnings, "warning")}");
        }

        if (tally.Notices > 0)
        {
            summary.Append($", {Names.Count(tally.Notices, "notice")}");
        }

        summary.Append(tally.ExitCode switch
        {
            ExitCodes.Error => " — errors (exit 2)",
            ExitCodes.PolicyFailure => $" — failed: {Names.Count(tally.GateFailures, "finding")} at the gate ({tally.Gate}) (exit 1)",
            _ => " — passed",
        });
        _writer.WriteLine(Paint(summary.ToString(), tally.Passed ? "32" : "31;1"));
        _writer.Flush();
    }

    public void Dispose()
    {
        if (_ownsWriter)
        {
            _writer.Dispose();
        }
    }

    private static string PlaceOf(SubjectInfo subject) =>
        subject.File is null ? subject.DisplayName : subject.Line > 0 ? $"{subject.File}:{subject.Line}" : subject.File;

    private string Paint(string text, string code) => _color ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
