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
/// <c>system-out</c>. Documents that could not be read are error test cases of their file. Test cases are spooled as
/// they come and suites as they complete (files arrive one after the other), so memory stays bounded.
/// </summary>
internal sealed class JUnitReportWriter : IReportWriter
{
    private const string InputClass = "policylang.input";
    private const string GeneralSuite = "policylang";

    private static readonly XmlWriterSettings SpoolSettings = new()
    {
        ConformanceLevel = ConformanceLevel.Fragment,
        Encoding = new UTF8Encoding(false),
        Indent = false,
        CloseOutput = false,
    };

    private static readonly XmlReaderSettings FragmentReader = new() { ConformanceLevel = ConformanceLevel.Fragment, CloseInput = false };

    private readonly Stream _output;

    // Finished suites, and the test cases of the suite being written (its counts come first, so they wait here).
    private readonly Stream _suiteSpool = Spool.Create();
    private readonly Stream _caseSpool = Spool.Create();
    private readonly XmlWriter _suites;
    private XmlWriter _cases;
    private readonly List<string> _warnings = [];
    private readonly List<TestCase> _general = [];
    private FailGate _gate = FailGate.AnyDeny;
    private PolicyRules[] _policies = [];
    private string? _suite;
    private SuiteCounts _current;
    private SuiteCounts _total;

    public JUnitReportWriter(Stream output)
    {
        _output = output;
        _suites = XmlWriter.Create(_suiteSpool, SpoolSettings);
        _cases = XmlWriter.Create(_caseSpool, SpoolSettings);
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
            Write(new TestCase(InputClass, location.ToString()) { Error = message.Message });
        }
        else
        {
            _cases.WriteElementString("system-out", Clean(message.ToString()));
            _current.HasContent = true;
        }
    }

    public void Result(SubjectResult result)
    {
        var subject = result.Subject;
        Enter(subject.File ?? "-");
        var name = subject.DisplayName;

        // A subject that could not be read in full may not have met every rule: its cases are errors, not passes.
        var inputError = result.Errors.Count == 0 ? null
            : string.Join("\n", result.Errors.Select(e => (e.Location is null ? string.Empty : e.Location + ": ") + e.Message));
        var byPolicy = result.Findings.GroupBy(f => f.Policy, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var added = 0;
        foreach (var policy in _policies)
        {
            var findings = byPolicy.GetValueOrDefault(policy.Name);
            if (findings is null && !policy.AppliesTo(subject))
            {
                continue;
            }

            var test = new TestCase(policy.Name, name) { Error = inputError };
            if (findings is not null)
            {
                var failing = findings.Where(_gate.Fails).ToList();
                var ruleErrors = findings.Where(f => f.Action == FindingAction.Error).ToList();
                if (ruleErrors.Count > 0)
                {
                    test.Error = string.Join("\n", ruleErrors.Select(f => Line(f, subject)));
                }
                else if (test.Error is null && failing.Count > 0)
                {
                    test.FailureMessage = $"{Names.Count(failing.Count, "finding")} fail: {string.Join(", ", failing.Select(f => f.Id).Distinct(StringComparer.Ordinal))}";
                    test.Failure = string.Join("\n", failing.Select(f => Line(f, subject)));
                }
                else if (test.Error is null && findings.FirstOrDefault(f => f.IsSkipped) is { } skipped)
                {
                    test.Skipped = $"{skipped.Id} skipped: {skipped.SkippedReason}";
                }

                test.Output = string.Join("\n", findings.Select(f => Line(f, subject)));
            }

            Write(test);
            added++;
        }

        if (added == 0 && inputError is not null)
        {
            Write(new TestCase(InputClass, name) { Error = inputError });
        }
    }

    public void End(ReportTally tally)
    {
        FinishSuite();
        if (_general.Count > 0 || _warnings.Count > 0)
        {
            _suite = GeneralSuite;
            foreach (var test in _general)
            {
                Write(test);
            }

            if (_warnings.Count > 0)
            {
                _cases.WriteElementString("system-err", Clean(string.Join("\n", _warnings)));
                _current.HasContent = true;
            }

            FinishSuite();
        }

        _suites.Flush();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n", CloseOutput = false };
        using (var xml = XmlWriter.Create(_output, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "policylang eval");
            xml.WriteAttributeString("tests", Number(_total.Tests));
            xml.WriteAttributeString("failures", Number(_total.Failures));
            xml.WriteAttributeString("errors", Number(_total.Errors));
            Copy(_suiteSpool, xml);
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        _output.Write("\n"u8);
        _output.Flush();
    }

    public void Dispose()
    {
        _suites.Dispose();
        _cases.Dispose();
        _suiteSpool.Dispose();
        _caseSpool.Dispose();
    }

    private static string Line(Finding finding, SubjectInfo subject)
    {
        var place = finding.Location?.ToString() ?? subject.File ?? "-";
        var action = finding.IsSkipped ? "skipped" : Names.Of(finding.Action);
        var skipped = finding.IsSkipped ? $" (skipped: {finding.SkippedReason})" : string.Empty;
        return $"{place}: {Names.Of(finding.Severity)} {action} {finding.Id}: {finding.Message}{skipped}";
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Copies the elements spooled in a fragment stream into a writer, and empties the stream.</summary>
    private static void Copy(Stream spool, XmlWriter target)
    {
        spool.Position = 0;
        using (var reader = XmlReader.Create(spool, FragmentReader))
        {
            reader.MoveToContent();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    target.WriteNode(reader, defattr: false);
                }
                else
                {
                    reader.Read();
                }
            }
        }

        spool.SetLength(0);
    }

    private void Enter(string file)
    {
        if (!string.Equals(file, _suite, StringComparison.Ordinal))
        {
            FinishSuite();
            _suite = file;
        }
    }

    /// <summary>Writes the suite being built (its counts, then its spooled cases) to the suites spool.</summary>
    private void FinishSuite()
    {
        var suite = _suite;
        var counts = _current;
        _current = default;
        _cases.Flush();
        if (suite is null || !counts.HasContent)
        {
            _caseSpool.SetLength(0);
            return;
        }

        _total.Tests += counts.Tests;
        _total.Failures += counts.Failures;
        _total.Errors += counts.Errors;
        var xml = _suites;
        xml.WriteStartElement("testsuite");
        xml.WriteAttributeString("name", Clean(suite));
        xml.WriteAttributeString("tests", Number(counts.Tests));
        xml.WriteAttributeString("failures", Number(counts.Failures));
        xml.WriteAttributeString("errors", Number(counts.Errors));
        xml.WriteAttributeString("skipped", Number(counts.Skipped));
        if (suite != GeneralSuite)
        {
            xml.WriteAttributeString("file", Clean(suite));
        }

        _cases.Dispose();
        Copy(_caseSpool, xml);
        _cases = XmlWriter.Create(_caseSpool, SpoolSettings);
        xml.WriteEndElement();
    }

    private void Write(TestCase test)
    {
        _current.HasContent = true;
        _current.Tests++;
        var xml = _cases;
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", Clean(test.Name));
        xml.WriteAttributeString("classname", Clean(test.ClassName));
        if (test.Error is not null)
        {
            _current.Errors++;
            xml.WriteStartElement("error");
            xml.WriteAttributeString("message", Clean(FirstLine(test.Error)));
            xml.WriteAttributeString("type", "error");
            xml.WriteString(Clean(test.Error));
            xml.WriteEndElement();
        }
        else if (test.Failure is not null)
        {
            _current.Failures++;
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("message", Clean(test.FailureMessage ?? FirstLine(test.Failure)));
            xml.WriteAttributeString("type", "deny");
            xml.WriteString(Clean(test.Failure));
            xml.WriteEndElement();
        }
        else if (test.Skipped is not null)
        {
            _current.Skipped++;
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

    /// <summary>The counts of a suite (or of all of them).</summary>
    private struct SuiteCounts
    {
        public int Tests;
        public int Failures;
        public int Errors;
        public int Skipped;
        public bool HasContent;
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
