// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>
/// Writes the <c>-o json</c> contract (docs/output-json.md). Field order and names are stable; new fields may be
/// added, existing ones never change meaning.
/// </summary>
internal static class JsonReportWriter
{
    public static void Write(Stream stream, EvaluationReport report)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteStartObject("summary");
        json.WriteNumber("subjects", report.Results.Count);
        json.WriteNumber("findings", report.AllFindings.Count());
        json.WriteNumber("deny", report.Count(FindingAction.Deny));
        json.WriteNumber("warn", report.Count(FindingAction.Warn));
        json.WriteNumber("audit", report.Count(FindingAction.Audit));
        json.WriteNumber("alert", report.Count(FindingAction.Alert));
        json.WriteNumber("mutate", report.Count(FindingAction.Mutate));
        json.WriteNumber("error", report.RuleErrors);
        json.WriteNumber("skipped", report.Skipped);
        json.WriteNumber("inputErrors", report.Errors.Count + report.Results.Sum(r => r.Errors.Count));
        json.WriteBoolean("passed", !report.HasDenials && !report.HasErrors);
        json.WriteEndObject();

        json.WriteStartArray("results");
        foreach (var result in report.Results)
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
                WriteError(json, error);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("errors");
        foreach (var error in report.Errors)
        {
            WriteError(json, error);
        }

        json.WriteEndArray();
        json.WriteStartArray("notices");
        foreach (var notice in report.Notices)
        {
            WriteError(json, notice);
        }

        json.WriteEndArray();
        json.WriteEndObject();
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
        json.WriteString("severity", finding.Severity.ToString().ToLowerInvariant());
        json.WriteString("action", finding.Action.ToString().ToLowerInvariant());
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

    private static void WriteError(Utf8JsonWriter json, InputError error)
    {
        json.WriteStartObject();
        json.WriteString("message", error.Message);
        if (error.Location is { } location)
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
