// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using System.Xml;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Cli.Output;

/// <summary>
/// JUnit XML for CI test report readers (Jenkins, GitLab, Azure DevOps, GitHub test reporters), in the shape of the
/// common JUnit schema: a <c>testsuite</c> per input file, a <c>testcase</c> per subject and policy that applies to
/// it (classname the policy, name the subject). A test case fails (<c>failure</c>) with the findings that fail the
/// gate, errors (<c>error</c>) when a rule failed or the subject could not be read, is <c>skipped</c> when its only
/// deny findings were skipped by exceptions, and passes otherwise; every finding is listed in its
/// <c>system-out</c>. Documents that could not be read are error test cases of their file. Suites are spooled as
/// they complete (files arrive one after the other), so memory holds one file's cases at a time.
/// </summary>
internal sealed class JUnitReportWriter : IReportWriter
{
    private const string InputClass = "policylang.input";

    private static readonly XmlWriterSettings SpoolSettings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        Encoding = new UTF8Encoding(false),
        Indent = false,
        CloseOutput = false,
    };

    private readonly Stream _output;
    private readonly Stream _spool = Spool.Create();
    private readonly XmlWriter _suites;
    private readonly List<TestCase> _cases = [];
    private readonly List<string> _warnings = [];
    private readonly List<TestCase> _general = [];
    private FailGate _gate = FailGate.AnyDeny;
    private PolicyRules[] _policies = [];
    private string? _suite;
    private readonly StringBuilder _suiteOutput = new();
    private int _tests;
    private int _failures;
    private int _errors;

    public JUnitReportWriter(Stream output)
    {
        _output = output;
        _suites = XmlWriter.Create(_spool, SpoolSettings);
    }

    public void Begin(ReportRun run)
    {
        _gate = run.Gate;
        _policies = run.Rules.GroupBy(r => r.Policy, StringComparer.Ordinal).Select(g => new PolicyRules(g.Key, [.. g])).ToArray();
    }

    public void Message(ReportMessage message)
    {
        if (message.Level == InputMessageLevel.Warning)
        {
            _warnings.Add(message.ToString());
            return;
        }

        if (message.Location is not { } location)
        {
            if (message.Level == InputMessageLevel.Error)
            {
                _general.Add(new TestCase(InputClass, message.Message) { Error = message.Message });
            }
            else
            {
                _warnings.Add(message.ToString());
            }

            return;
        }

        Enter(location.File);
        if (message.Level == InputMessageLevel.Error)
        {
            _cases.Add(new TestCase(InputClass, location.ToString()) { Error = message.Message });
        }
        else
        {
            _suiteOutput.Append(message).Append('\n');
        }
    }

    public void Result(SubjectResult result)
    {
        var subject = result.Subject;
        Enter(subject.File ?? "-");
        var name = subject.DisplayName;
        if (result.Errors.Count > 0)
        {
            _cases.Add(new TestCase(InputClass, name)
            {
                Error = string.Join("\n", result.Errors.Select(e => (e.Location is null ? string.Empty : e.Location + ": ") + e.Message)),
            });
        }

        var byPolicy = result.Findings.GroupBy(f => f.Policy, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var policy in _policies)
        {
            var findings = byPolicy.GetValueOrDefault(policy.Name);
            if (findings is null && !policy.AppliesTo(subject))
            {
                continue;
            }

            var test = new TestCase(policy.Name, name);
            if (findings is not null)
            {
                var failing = findings.Where(_gate.Fails).ToList();
                var ruleErrors = findings.Where(f => f.Action == FindingAction.Error).ToList();
                if (ruleErrors.Count > 0)
                {
                    test.Error = string.Join("\n", ruleErrors.Select(f => Line(f, subject)));
                }
                else if (failing.Count > 0)
                {
                    test.FailureMessage = $"{Names.Count(failing.Count, "finding")} fail: {string.Join(", ", failing.Select(f => f.Id).Distinct(StringComparer.Ordinal))}";
                    test.Failure = string.Join("\n", failing.Select(f => Line(f, subject)));
                }
                else if (findings.FirstOrDefault(f => f.IsSkipped && f.Action == FindingAction.Deny) is { } skipped)
                {
                    test.Skipped = $"{skipped.Id} skipped: {skipped.SkippedReason}";
                }

                test.Output = string.Join("\n", findings.Select(f => Line(f, subject)));
            }

            _cases.Add(test);
        }
    }

    public void End(ReportTally tally)
    {
        Flush();
        if (_general.Count > 0 || _warnings.Count > 0)
        {
            _cases.AddRange(_general);
            _suite = "policylang";
            _suiteOutput.Clear();
            Flush(_warnings);
        }

        _suites.Flush();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n", CloseOutput = false };
        using (var xml = XmlWriter.Create(_output, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "policylang eval");
            xml.WriteAttributeString("tests", Number(_tests));
            xml.WriteAttributeString("failures", Number(_failures));
            xml.WriteAttributeString("errors", Number(_errors));
            _spool.Position = 0;
            using (var reader = XmlReader.Create(_spool, new XmlReaderSettings { ConformanceLevel = ConformanceLevel.Fragment, IgnoreWhitespace = false, CloseInput = false }))
            {
                reader.MoveToContent();
                while (!reader.EOF)
                {
                    if (reader.NodeType == XmlNodeType.Element)
                    {
                        xml.WriteNode(reader, defattr: false);
                    }
                    else
                    {
                        reader.Read();
                    }
                }
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        _output.Write("\n"u8);
        _output.Flush();
    }

    public void Dispose()
    {
        _suites.Dispose();
        _spool.Dispose();
    }

    private static string Line(Finding finding, SubjectInfo subject)
    {
        var place = finding.Location?.ToString() ?? subject.File ?? "-";
        var action = finding.IsSkipped ? "skipped" : Names.Of(finding.Action);
        var skipped = finding.IsSkipped ? $" (skipped: {finding.SkippedReason})" : string.Empty;
        return $"{place}: {Names.Of(finding.Severity)} {action} {finding.Id}: {finding.Message}{skipped}";
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private void Enter(string file)
    {
        if (!string.Equals(file, _suite, StringComparison.Ordinal))
        {
            Flush();
            _suite = file;
        }
    }

    private void Flush(IReadOnlyList<string>? errorOutput = null)
    {
        if (_suite is null || (_cases.Count == 0 && _suiteOutput.Length == 0 && errorOutput is not { Count: > 0 }))
        {
            _cases.Clear();
            _suiteOutput.Clear();
            return;
        }

        var failures = _cases.Count(c => c.Failure is not null);
        var errors = _cases.Count(c => c.Error is not null);
        var skipped = _cases.Count(c => c.Skipped is not null);
        _tests += _cases.Count;
        _failures += failures;
        _errors += errors;
        var xml = _suites;
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Clean(_suite));
        xml.WriteAttributeString("tests", Number(_cases.Count));
        xml.WriteAttributeString("failures", Number(failures));
        xml.WriteAttributeString("errors", Number(errors));
        xml.WriteAttributeString("skipped", Number(skipped));
        if (_suite != "policylang")
        {
            xml.WriteAttributeString("file", Clean(_suite));
        }

        foreach (var test in _cases)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("name", Clean(test.Name));
            xml.WriteAttributeString("classname", Clean(test.ClassName));
            if (test.Error is not null)
            {
                xml.WriteStartElement("error");
                xml.WriteAttributeString("message", Clean(FirstLine(test.Error)));
                xml.WriteAttributeString("type", "error");
                xml.WriteString(Clean(test.Error));
                xml.WriteEndElement();
            }
            else if (test.Failure is not null)
            {
                xml.WriteStartElement("failure");
                xml.WriteAttributeString("message", Clean(test.FailureMessage ?? FirstLine(test.Failure)));
                xml.WriteAttributeString("type", "deny");
                xml.WriteString(Clean(test.Failure));
                xml.WriteEndElement();
            }
            else if (test.Skipped is not null)
            {
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", Clean(test.Skipped));
                xml.WriteEndElement();
            }

            if (test.Output is { Length: > 0 } output)
            {
                xml.WriteElementString("system-out", Clean(output));
            }

            xml.WriteEndElement();
        }

        if (_suiteOutput.Length > 0)
        {
            xml.WriteElementString("system-out", Clean(_suiteOutput.ToString()));
        }

        if (errorOutput is { Count: > 0 })
        {
            xml.WriteElementString("system-err", Clean(string.Join("\n", errorOutput)));
        }

        xml.WriteEndElement();
        _cases.Clear();
        _suiteOutput.Clear();
    }

    private static string FirstLine(string text)
    {
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        return newline < 0 ? text : text[..newline];
    }

    /// <summary>Replaces the characters XML 1.0 cannot hold (control characters, lone surrogates) with U+FFFD.</summary>
    private static string Clean(string text)
    {
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var valid = c is '\t' or '\n' or '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                cleaned?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!valid)
            {
                cleaned ??= new StringBuilder(text, 0, i, text.Length);
                cleaned.Append('\uFFFD');
            }
            else
            {
                cleaned?.Append(c);
            }
        }

        return cleaned?.ToString() ?? text;
    }

    /// <summary>A test case being built.</summary>
    private sealed class TestCase(string className, string name)
    {
        public string ClassName { get; } = className;

        public string Name { get; } = name;

        public string? Failure { get; set; }

        public string? FailureMessage { get; set; }

        public string? Error { get; set; }

        public string? Skipped { get; set; }

        public string? Output { get; set; }
    }

    /// <summary>A policy (package) and its rules, and which subjects it can judge.</summary>
    private sealed class PolicyRules(string name, RuleDescriptor[] rules)
    {
        private static readonly HashSet<string> Controllers = [.. Workload.ControllerKinds];

        public string Name { get; } = name;

        public bool AppliesTo(SubjectInfo subject) => rules.Any(rule => Applies(rule, subject));

        private static bool Applies(RuleDescriptor rule, SubjectInfo subject)
        {
            var objectRule = rule.Subject is SubjectKind.Manifest or SubjectKind.Workload;
            var fits = subject.Kind switch
            {
                "manifest" => objectRule,
                "admission" => objectRule || rule.Subject == SubjectKind.Admission,
                "image" => rule.Subject == SubjectKind.Image,
                "event" => rule.Subject == SubjectKind.Event,
                "host" => rule.Subject == SubjectKind.Host,
                _ => false,
            };
            if (!fits || !objectRule || subject.ObjectKind is not { } kind)
            {
                return fits;
            }

            if (rule.Subject == SubjectKind.Workload && !Controllers.Contains(kind))
            {
                return false;
            }

            return (rule.TypedKind is null || rule.TypedKind == kind)
                && (rule.Scope.Kinds.Count == 0 || rule.Scope.Kinds.Contains(kind, StringComparer.Ordinal))
                && !rule.Scope.ExcludeKinds.Contains(kind, StringComparer.Ordinal);
        }
    }
}
