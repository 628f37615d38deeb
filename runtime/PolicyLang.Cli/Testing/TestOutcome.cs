// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Testing;

/// <summary>The result of one test block.</summary>
internal sealed record TestOutcome(
    string Package,
    string Title,
    string File,
    int Line,
    bool Passed,
    IReadOnlyList<string> Failures,
    IReadOnlyList<Finding> Findings,
    TimeSpan Duration)
{
    public string Name => $"{Package}: \"{Title}\"";
}
