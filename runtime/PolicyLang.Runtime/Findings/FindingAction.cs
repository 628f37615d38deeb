// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Findings;

/// <summary>What a finding asks for.</summary>
public enum FindingAction
{
    /// <summary>The subject violates the rule and must be refused (fails CI, denies admission).</summary>
    Deny,

    /// <summary>The subject should be looked at; never fails a run.</summary>
    Warn,

    /// <summary>Recorded for audit only; never fails a run.</summary>
    Audit,

    /// <summary>A runtime detection fired on an event.</summary>
    Alert,

    /// <summary>The rule changes the subject (admission mutation).</summary>
    Mutate,

    /// <summary>The rule could not be evaluated for this subject (a run-time error, contained).</summary>
    Error,
}
