// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Findings;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>The outcome of evaluating one subject: its findings (including rule errors) and input errors.</summary>
public sealed record SubjectResult(SubjectInfo Subject, IReadOnlyList<Finding> Findings, IReadOnlyList<InputError> Errors)
{
    /// <summary>True when a finding denies the subject (skipped findings do not).</summary>
    public bool Denied => Findings.Any(f => f.Action == FindingAction.Deny && !f.IsSkipped);
}

/// <summary>An input that could not be read or evaluated: the message names the place.</summary>
public sealed record InputError(string Message, SourceLocation? Location);
