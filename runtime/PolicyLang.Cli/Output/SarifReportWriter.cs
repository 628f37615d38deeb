// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PolicyLang.Bundles.Exceptions;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>
/// SARIF 2.1.0 for code scanning: one run; the tool's <c>rules</c> are the run's rules (id, name, short and full
/// description, help with the remediation, default level, <c>security-severity</c>, tags); a result per finding with
/// its physical location (file, start line and column), level, <c>partialFingerprints</c> and, for skipped
/// findings, a suppression with the reason; input errors and rule failures as tool execution notifications,
/// problems with the run's own files as configuration notifications. Results are written as they come.
/// </summary>
internal sealed class SarifReportWriter : IReportWriter
{
    public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    private const int FlushThreshold = 64 * 1024;

    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;
    private readonly List<(ReportMessage Message, string? RuleId)> _execution = [];
    private readonly List<ReportMessage> _configuration = [];
    private readonly FindingFingerprint _fingerprints = new();
    private Dictionary<string, int> _ruleIndex = new(StringComparer.Ordinal);
    private ReportRun? _run;

    public SarifReportWriter(Stream output)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    public void Begin(ReportRun run)
    {
        _run = run;
        _ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        var json = _json;
        json.WriteStartObject();
        json.WriteString("$schema", SchemaUri);
        json.WriteString("version", "2.1.0");
        json.WriteStartArray("runs");
        json.WriteStartObject();
        json.WriteStartObject("tool");
        json.WriteStartObject("driver");
        json.WriteString("name", "PolicyLang");
        json.WriteString("version", run.ToolVersion);
        json.WriteString("semanticVersion", run.ToolVersion);
        json.WriteStartArray("rules");
        foreach (var rule in run.Rules)
        {
            if (_ruleIndex.TryAdd(rule.Id, _ruleIndex.Count))
            {
                WriteRule(json, rule);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("columnKind", "utf16CodeUnits");
        json.WriteStartArray("results");
    }

    public void Message(ReportMessage message)
    {
        if (message.AboutConfiguration)
        {
            _configuration.Add(message);
        }
        else
        {
            _execution.Add((message, null));
        }
    }

    public void Result(SubjectResult result)
    {
        var run = _run ?? throw new InvalidOperationException("Begin was not called.");
        foreach (var finding in result.Findings)
        {
            if (finding.Action == FindingAction.Error)
            {
                _execution.Add((new ReportMessage(InputMessageLevel.Error, $"{result.Subject.DisplayName}: {finding.Message}", finding.Location ?? SubjectLocation(result.Subject)), finding.Id));
                continue;
            }

            WriteResult(_json, run, result.Subject, finding);
        }

        foreach (var error in result.Errors)
        {
            _execution.Add((new ReportMessage(InputMessageLevel.Error, $"{result.Subject.DisplayName}: {error.Message}", error.Location ?? SubjectLocation(result.Subject)), null));
        }

        if (_json.BytesPending > FlushThreshold)
        {
            _json.Flush();
        }
    }

    public void End(ReportTally tally)
    {
        var run = _run ?? throw new InvalidOperationException("Begin was not called.");
        var json = _json;
        json.WriteEndArray();
        json.WriteStartArray("invocations");
        json.WriteStartObject();
        json.WriteBoolean("executionSuccessful", !tally.HasErrors);
        json.WriteNumber("exitCode", tally.ExitCode);
        json.WriteStartArray("toolExecutionNotifications");
        foreach (var (message, ruleId) in _execution)
        {
            WriteNotification(json, run, message, ruleId);
        }

        json.WriteEndArray();
        json.WriteStartArray("toolConfigurationNotifications");
        foreach (var message in _configuration)
        {
            WriteNotification(json, run, message, null);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        _output.Write("\n"u8);
        _output.Flush();
    }

    public void Dispose() => _json.Dispose();

    private static void WriteRule(Utf8JsonWriter json, RuleDescriptor rule)
    {
        var description = RuleTitles.OneLine(rule.Description);
        var title = RuleTitles.Of(rule);
        json.WriteStartObject();
        json.WriteString("id", rule.Id);
        json.WriteString("name", PascalCase(rule.Name));
        json.WriteStartObject("shortDescription");
        json.WriteString("text", title);
        json.WriteEndObject();
        json.WriteStartObject("fullDescription");
        json.WriteString("text", description ?? title);
        json.WriteEndObject();
        json.WriteStartObject("help");
        json.WriteString("text", HelpText(rule, title, description));
        json.WriteString("markdown", HelpMarkdown(rule, title, description));
        json.WriteEndObject();
        json.WriteStartObject("defaultConfiguration");
        json.WriteString("level", SarifLevels.DefaultLevel(rule));
        json.WriteEndObject();
        json.WriteStartObject("properties");
        json.WriteString("security-severity", SarifLevels.SecuritySeverity(rule.Severity));
        json.WriteString("precision", "very-high");
        json.WriteString("policy", rule.Policy);
        json.WriteString("severity", Names.Of(rule.Severity));
        json.WriteStartArray("tags");
        json.WriteStringValue("security");
        foreach (var tag in rule.Tags.Where(t => t != "security"))
        {
            json.WriteStringValue(tag);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteResult(Utf8JsonWriter json, ReportRun run, SubjectInfo subject, Finding finding)
    {
        var location = finding.Location ?? SubjectLocation(subject);
        var uri = location is null ? null : ArtifactUri.For(location.File, run.WorkingDirectory);
        json.WriteStartObject();
        json.WriteString("ruleId", finding.Id);
        if (_ruleIndex.TryGetValue(finding.Id, out var index))
        {
            json.WriteNumber("ruleIndex", index);
        }

        json.WriteString("level", SarifLevels.Level(finding.Action, finding.Severity));
        json.WriteStartObject("message");
        json.WriteString("text", $"{subject.DisplayName}: {finding.Message}");
        json.WriteEndObject();
        json.WriteStartArray("locations");
        json.WriteStartObject();
        if (location is not null && uri is not null)
        {
            WritePhysicalLocation(json, uri, location);
        }

        if (subject.ObjectKind is not null && subject.Name is not null)
        {
            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", subject.Name);
            json.WriteString("fullyQualifiedName", subject.Namespace is null ? $"{subject.ObjectKind}/{subject.Name}" : $"{subject.ObjectKind}/{subject.Namespace}/{subject.Name}");
            json.WriteString("kind", "resource");
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("partialFingerprints");
        json.WriteString(FindingFingerprint.Key, _fingerprints.Next(finding, subject, uri ?? string.Empty));
        json.WriteEndObject();
        if (finding.SkippedReason is { } reason)
        {
            json.WriteStartArray("suppressions");
            json.WriteStartObject();
            json.WriteString("kind", SkipAnnotations.IsFromAnnotation(reason) ? "inSource" : "external");
            json.WriteString("status", "accepted");
            json.WriteString("justification", reason);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartObject("properties");
        json.WriteString("action", Names.Of(finding.Action));
        json.WriteString("severity", Names.Of(finding.Severity));
        json.WriteString("policy", finding.Policy);
        if (finding.Path is not null)
        {
            json.WriteString("path", finding.Path);
        }

        json.WriteString("subject", subject.Kind);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private void WriteNotification(Utf8JsonWriter json, ReportRun run, ReportMessage message, string? ruleId)
    {
        json.WriteStartObject();
        json.WriteString("level", message.Level switch
        {
            InputMessageLevel.Error => "error",
            InputMessageLevel.Warning => "warning",
            _ => "note",
        });
        json.WriteStartObject("message");
        json.WriteString("text", message.Message);
        json.WriteEndObject();
        if (message.Location is { } location)
        {
            json.WriteStartArray("locations");
            json.WriteStartObject();
            WritePhysicalLocation(json, ArtifactUri.For(location.File, run.WorkingDirectory), location);
            json.WriteEndObject();
            json.WriteEndArray();
        }

        if (ruleId is not null)
        {
            json.WriteStartObject("associatedRule");
            json.WriteString("id", ruleId);
            if (_ruleIndex.TryGetValue(ruleId, out var index))
            {
                json.WriteNumber("index", index);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WritePhysicalLocation(Utf8JsonWriter json, string uri, SourceLocation location)
    {
        json.WriteStartObject("physicalLocation");
        json.WriteStartObject("artifactLocation");
        json.WriteString("uri", uri);
        json.WriteEndObject();
        if (location.Line > 0)
        {
            json.WriteStartObject("region");
            json.WriteNumber("startLine", location.Line);
            if (location.Column > 0)
            {
                json.WriteNumber("startColumn", location.Column);
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static SourceLocation? SubjectLocation(SubjectInfo subject) =>
        subject.File is null ? null : new SourceLocation(subject.File, subject.Line, 0);

    private static string HelpText(RuleDescriptor rule, string title, string? description)
    {
        var text = new StringBuilder(description ?? title);
        if (RuleTitles.OneLine(rule.Remediation) is { } remediation)
        {
            text.Append(" Remediation: ").Append(remediation);
        }

        return text.ToString();
    }

    private static string HelpMarkdown(RuleDescriptor rule, string title, string? description)
    {
        var text = new StringBuilder("**").Append(title).Append("**");
        if (description is not null && description != title)
        {
            text.Append("\n\n").Append(description);
        }

        if (RuleTitles.OneLine(rule.Remediation) is { } remediation)
        {
            text.Append("\n\n**Remediation:** ").Append(remediation);
        }

        text.Append("\n\nRule `").Append(rule.Policy).Append('.').Append(rule.Name).Append("`, severity ").Append(Names.Of(rule.Severity));
        if (rule.Tags.Count > 0)
        {
            text.Append(", tags ").Append(string.Join(", ", rule.Tags.Select(t => $"`{t}`")));
        }

        return text.Append('.').ToString();
    }

    private static string PascalCase(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var part in name.Split(['_', '-', '.'], StringSplitOptions.RemoveEmptyEntries))
        {
            text.Append(char.ToUpperInvariant(part[0])).Append(part.AsSpan(1));
        }

        return text.Length == 0 ? name : text.ToString();
    }
}
