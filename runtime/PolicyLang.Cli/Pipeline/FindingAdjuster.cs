// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Exceptions;
using PolicyLang.Bundles.Loading;
using PolicyLang.Cli.Output;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Cli.Pipeline;

/// <summary>
/// What the CLI does to each subject's findings after the engine: lines of Helm output mapped to their template
/// (<c># Source:</c>), the enforcement of the bindings (deny to warn or audit), then exceptions from the exceptions
/// file and the object's <c>policylang.io/skip</c> annotation, which mark findings as skipped with their reason.
/// Problems found on the way (a skip annotation without a reason or naming an unknown rule) go to the sink as warnings.
/// </summary>
internal sealed class FindingAdjuster
{
    private readonly LoadedPolicies _policies;
    private readonly PolicyExceptions _exceptions;
    private readonly IReadOnlyList<RuleDescriptor> _rules;
    private readonly string[] _candidates;
    private readonly Dictionary<string, RuleDescriptor> _byId = new(StringComparer.Ordinal);

    public FindingAdjuster(LoadedPolicies policies, PolicyExceptions exceptions)
    {
        _policies = policies;
        _exceptions = exceptions;
        _rules = policies.Policies.Rules.Select(r => r.Descriptor).ToArray();
        _candidates = RuleReference.Candidates(_rules).ToArray();
        foreach (var rule in _rules)
        {
            _byId.TryAdd(rule.Id, rule);
        }
    }

    public SubjectResult Adjust(InputItem item, SubjectResult result, IEvaluationSink sink)
    {
        var source = item.Source;
        if (source is { AttributedFile: { } attributed, AttributedLineOffset: > 0 })
        {
            result = Remap(result, attributed, source.AttributedLineOffset);
        }

        var target = ObjectOf(item);
        var annotation = target is null ? null : SkipAnnotations.Read(target.Root, EvaluationContext.FileOf(target.Source));
        if (annotation is not null)
        {
            Check(annotation, result.Subject, source, sink);
        }

        if (result.Findings.Count == 0)
        {
            return result;
        }

        IDictionary<string, string>? labels = null;
        var labelsRead = false;
        var findings = new Finding[result.Findings.Count];
        var changed = false;
        for (var i = 0; i < findings.Length; i++)
        {
            var finding = result.Findings[i];
            var adjusted = finding;
            if (_byId.TryGetValue(finding.Id, out var rule) && _policies.EnforcementOf(rule) is var enforcement and not Enforcement.Deny)
            {
                adjusted = adjusted with { Action = EnforcementActions.Apply(enforcement, adjusted.Action) };
            }

            if (!adjusted.IsSkipped && adjusted.Action != FindingAction.Error)
            {
                if (annotation is not null && annotation.Covers(adjusted.Id, adjusted.Policy, adjusted.Rule))
                {
                    adjusted = adjusted with { SkippedReason = SkipAnnotations.ReasonText(annotation.Reason) };
                }
                else if (_exceptions.Active.Count > 0)
                {
                    if (!labelsRead)
                    {
                        labels = target is null ? null : LabelsOf(target.Root);
                        labelsRead = true;
                    }

                    var subject = result.Subject;
                    if (_exceptions.Find(adjusted.Id, adjusted.Policy, adjusted.Rule, subject.ObjectKind, subject.Namespace, subject.Name, labels) is { } exception)
                    {
                        adjusted = adjusted with { SkippedReason = exception.SkipReason };
                    }
                }
            }

            changed |= !ReferenceEquals(adjusted, finding);
            findings[i] = adjusted;
        }

        return changed ? result with { Findings = findings } : result;
    }

    private void Check(SkipAnnotation annotation, SubjectInfo subject, SourceDocument? source, IEvaluationSink sink)
    {
        var location = annotation.Location is { } l && source is { AttributedFile: { } file, AttributedLineOffset: > 0 } && l.File == file
            ? l with { Line = l.Line - source.AttributedLineOffset }
            : annotation.Location;
        foreach (var reference in annotation.Rules.Where(r => !_rules.Any(rule => RuleReference.Matches(r, rule))))
        {
            sink.Message(new ReportMessage(InputMessageLevel.Warning, $"{subject.DisplayName}: {SkipAnnotations.Skip} names the rule '{reference}', which no loaded policy has{Suggest(reference)}", location));
        }

        if (annotation.Reason is null)
        {
            sink.Message(new ReportMessage(InputMessageLevel.Warning, $"{subject.DisplayName}: {SkipAnnotations.Skip} has no {SkipAnnotations.SkipReason} annotation; say why the rules are skipped", location));
        }
    }

    private string Suggest(string reference) =>
        Compiler.Diagnostics.Suggestions.Closest(reference, _candidates) is { } suggestion ? $"; did you mean '{suggestion}'?" : string.Empty;

    /// <summary>The Kubernetes object a subject is about: the manifest, or the object (else old object) of an admission request.</summary>
    private static ManifestSubject? ObjectOf(InputItem item) => item.Subject switch
    {
        ManifestSubject manifest => manifest,
        AdmissionSubject admission => admission.Object ?? admission.OldObject,
        _ => null,
    };

    private static Dictionary<string, string>? LabelsOf(DocMap root)
    {
        if (root["metadata"] is not DocMap metadata || metadata["labels"] is not DocMap labels)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in labels.Entries)
        {
            if (entry.Value is DocScalar { IsNull: false } value)
            {
                result[entry.Key] = value.Text;
            }
        }

        return result;
    }

    private static SubjectResult Remap(SubjectResult result, string file, int offset)
    {
        SourceLocation? Map(SourceLocation? location) =>
            location is not null && location.File == file && location.Line > offset ? location with { Line = location.Line - offset } : location;

        // The document starts at or above the comment (its --- line): in the template it starts at line 1.
        var subject = result.Subject.File == file && result.Subject.Line > 0 ? result.Subject with { Line = Math.Max(1, result.Subject.Line - offset) } : result.Subject;
        return result with
        {
            Subject = subject,
            Findings = result.Findings.Select(f => f.Location is null ? f : f with { Location = Map(f.Location) }).ToArray(),
            Errors = result.Errors.Select(e => e with { Location = Map(e.Location) }).ToArray(),
        };
    }
}
