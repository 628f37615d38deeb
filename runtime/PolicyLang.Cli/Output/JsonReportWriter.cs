// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>
/// Writes the <c>-o json</c> contract (docs/output-json.md). Field order and names are stable; new fields may be
/// added, existing ones never change meaning. The summary comes first, so results are spooled (one compact line
/// each) until the end and then copied out indented.
/// </summary>
internal sealed class JsonReportWriter : IReportWriter
{
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
    private const int FlushThreshold = 64 * 1024;

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Stream _output;
    private readonly Stream _spool = Spool.Create();
    private readonly List<ReportMessage> _errors = [];
    private readonly List<ReportMessage> _warnings = [];
    private readonly List<ReportMessage> _notices = [];

    public JsonReportWriter(Stream output)
    {
        _output = output;
    }

    public void Begin(ReportRun run)
    {
    }

    public void Message(ReportMessage message) =>
        (message.Level switch
        {
            InputMessageLevel.Error => _errors,
            InputMessageLevel.Warning => _warnings,
            _ => _notices,
        }).Add(message);

    public void Result(SubjectResult result)
    {
        using (var json = new Utf8JsonWriter(_spool, new JsonWriterOptions { Encoder = Encoder }))
        {
            WriteResult(json, result);
        }

        _spool.Write(NewLine);
    }

    public void End(ReportTally tally)
    {
        using var json = new Utf8JsonWriter(_output, new JsonWriterOptions { Indented = true, Encoder = Encoder });
        json.WriteStartObject();
        json.WriteStartObject("summary");
        json.WriteNumber("subjects", tally.Subjects);
        json.WriteNumber("findings", tally.Findings);
        json.WriteNumber("deny", tally.Count(FindingAction.Deny));
        json.WriteNumber("warn", tally.Count(FindingAction.Warn));
        json.WriteNumber("audit", tally.Count(FindingAction.Audit));
        json.WriteNumber("alert", tally.Count(FindingAction.Alert));
        json.WriteNumber("mutate", tally.Count(FindingAction.Mutate));
        json.WriteNumber("error", tally.RuleErrors);
        json.WriteNumber("skipped", tally.Skipped);
        json.WriteNumber("inputErrors", tally.InputErrors);
        json.WriteNumber("warnings", tally.Warnings);
        json.WriteString("failOn", Names.Of(tally.Gate.Threshold));
        json.WriteNumber("failing", tally.GateFailures);
        json.WriteBoolean("passed", tally.Passed);
        json.WriteNumber("exitCode", tally.ExitCode);
        json.WriteEndObject();

        json.WriteStartArray("results");
        _spool.Position = 0;
        using (var lines = new StreamReader(_spool, leaveOpen: true))
        {
            while (lines.ReadLine() is { } line)
            {
                using var document = JsonDocument.Parse(line);
                document.WriteTo(json);
                if (json.BytesPending > FlushThreshold)
                {
                    json.Flush();
                }
            }
        }

        json.WriteEndArray();
        WriteMessages(json, "errors", _errors);
        WriteMessages(json, "notices", _notices);
        WriteMessages(json, "warnings", _warnings);
        json.WriteEndObject();
        json.Flush();
        _output.Write(NewLine);
        _output.Flush();
    }

    public void Dispose() => _spool.Dispose();

    private static void WriteResult(Utf8JsonWriter json, SubjectResult result)
    {
        json.WriteStartObject();
        WriteSubject(json, result.Subject);
        json.WriteStartArray("findings");
        foreach (var finding in result.Findings)
        {
            WriteFinding(json, finding);
        }

        json.WriteEndArray();
        json.WriteStartArray("errors");
        foreach (var error in result.Errors)
        {
            WriteMessage(json, error.Message, error.Location);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteMessages(Utf8JsonWriter json, string name, List<ReportMessage> messages)
    {
        json.WriteStartArray(name);
        foreach (var message in messages)
        {
            WriteMessage(json, message.Message, message.Location);
        }

        json.WriteEndArray();
    }

    private static void WriteSubject(Utf8JsonWriter json, SubjectInfo subject)
    {
        json.WriteStartObject("subject");
        json.WriteString("kind", subject.Kind);
        WriteOptional(json, "file", subject.File);
        json.WriteNumber("document", subject.Document);
        if (subject.Line > 0)
        {
            json.WriteNumber("line", subject.Line);
        }

        WriteOptional(json, "apiVersion", subject.ApiVersion);
        WriteOptional(json, "objectKind", subject.ObjectKind);
        WriteOptional(json, "namespace", subject.Namespace);
        WriteOptional(json, "name", subject.Name);
        json.WriteEndObject();
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding finding)
    {
        json.WriteStartObject();
        json.WriteString("policy", finding.Policy);
        json.WriteString("rule", finding.Rule);
        json.WriteString("id", finding.Id);
        json.WriteString("severity", Names.Of(finding.Severity));
        json.WriteString("action", Names.Of(finding.Action));
        json.WriteString("message", finding.Message);
        WriteOptional(json, "path", finding.Path);
        if (finding.Location is { } location)
        {
            WriteLocation(json, location);
        }

        if (finding.SkippedReason is { } reason)
        {
            json.WriteString("skipped", reason);
        }

        if (finding.Patch is { Count: > 0 } patch)
        {
            json.WriteStartArray("patch");
            foreach (var operation in patch)
            {
                json.WriteStartObject();
                json.WriteString("op", operation.Op);
                json.WriteString("path", operation.Path);
                if (operation.Op != "remove")
                {
                    json.WritePropertyName("value");
                    JsonSerializer.Serialize(json, operation.Value);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string message, SourceLocation? location)
    {
        json.WriteStartObject();
        json.WriteString("message", message);
        if (location is not null)
        {
            WriteLocation(json, location);
        }

        json.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter json, SourceLocation location)
    {
        json.WriteStartObject("location");
        json.WriteString("file", location.File);
        json.WriteNumber("line", location.Line);
        json.WriteNumber("column", location.Column);
        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
