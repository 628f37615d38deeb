// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Cli.Output;

/// <summary>The report formats of <c>policylang eval -o</c>.</summary>
internal enum ReportFormat
{
    /// <summary>For people: findings grouped by file, a line each, then a summary; colour only on a terminal.</summary>
    Text,

    /// <summary>The stable machine contract of docs/output-json.md.</summary>
    Json,

    /// <summary>SARIF 2.1.0, for code scanning (GitHub, GitLab, Azure DevOps).</summary>
    Sarif,

    /// <summary>JUnit XML: one test case per subject and policy, for CI test report readers.</summary>
    Junit,

    /// <summary>GitHub Actions workflow commands (<c>::error file=…,line=…::message</c>) that annotate pull requests.</summary>
    Github,
}
