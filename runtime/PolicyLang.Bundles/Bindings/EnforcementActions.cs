// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Findings;

namespace PolicyLang.Bundles.Bindings;

/// <summary>What an enforcement does to the action of a finding.</summary>
public static class EnforcementActions
{
    /// <summary>
    /// <c>deny</c> keeps the action as written; <c>warn</c> turns deny into warn; <c>audit</c> turns deny and warn into
    /// audit. Alerts, mutations and rule errors are never changed.
    /// </summary>
    public static FindingAction Apply(Enforcement enforcement, FindingAction action) => (action, enforcement) switch
    {
        (FindingAction.Deny, Enforcement.Warn) => FindingAction.Warn,
        (FindingAction.Deny or FindingAction.Warn, Enforcement.Audit) => FindingAction.Audit,
        _ => action,
    };
}
