// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Findings;

/// <summary>How serious a rule's findings are. Ordered: a gate at <c>high</c> also fails on <c>critical</c>.</summary>
public enum Severity
{
    Info = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Critical = 4,
}
