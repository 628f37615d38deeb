// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Hosts.Admission.Configuration;

/// <summary>What the host answers when it cannot decide (deadline passed, a rule failed, an internal error, overload).</summary>
public enum FailureMode
{
    /// <summary>Allow, with a warning that says why: the host never stops a cluster from admitting.</summary>
    Open,

    /// <summary>Deny, with a message that says why.</summary>
    Closed,
}
