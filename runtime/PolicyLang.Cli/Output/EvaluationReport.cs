// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>
/// Everything an evaluation produced, held in memory in input order: per-subject results, input errors, warnings and
/// notices. For small runs (policy tests, fixtures); <c>eval</c> streams to report writers instead.
/// </summary>
internal sealed class EvaluationReport : IEvaluationSink
{
    public List<SubjectResult> Results { get; } = [];

    /// <summary>Inputs that could not be read (malformed documents, missing files), each naming its place.</summary>
    public List<InputError> Errors { get; } = [];

    /// <summary>Problems worth a look that did not stop anything (e.g. an expired exception).</summary>
    public List<InputError> Warnings { get; } = [];

    /// <summary>Documents skipped on purpose (e.g. YAML that is not a Kubernetes object).</summary>
    public List<InputError> Notices { get; } = [];

    public IEnumerable<Finding> AllFindings => Results.SelectMany(r => r.Findings);

    public int Count(FindingAction action) => AllFindings.Count(f => f.Action == action && !f.IsSkipped);

    public int Skipped => AllFindings.Count(f => f.IsSkipped);

    public int RuleErrors => Count(FindingAction.Error);

    /// <summary>True when a finding denies (and is not skipped).</summary>
    public bool HasDenials => Count(FindingAction.Deny) > 0;

    public bool HasErrors => Errors.Count > 0 || Results.Any(r => r.Errors.Count > 0) || RuleErrors > 0;

    public void Message(ReportMessage message) =>
        (message.Level switch
        {
            InputMessageLevel.Error => Errors,
            InputMessageLevel.Warning => Warnings,
            _ => Notices,
        }).Add(message.ToInputError());

    public void Result(SubjectResult result) => Results.Add(result);
}
