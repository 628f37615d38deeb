// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Cli.Output;

/// <summary>What every report writer knows before the first result: the rules that run, the gate, the tool.</summary>
internal sealed record ReportRun
{
    /// <summary>The version of PolicyLang without build metadata, e.g. <c>0.1.0</c>.</summary>
    public static string ProductVersion { get; } = Compilation.CompilerVersion.Split('+')[0];

    /// <summary>The rules of the run (after <c>--rule</c>, <c>--tag</c> and <c>--severity</c>), in load order.</summary>
    public required IReadOnlyList<RuleDescriptor> Rules { get; init; }

    public FailGate Gate { get; init; } = FailGate.AnyDeny;

    public string ToolVersion { get; init; } = ProductVersion;

    /// <summary>The directory relative paths are relative to (SARIF URIs of absolute paths are made relative to it).</summary>
    public string WorkingDirectory { get; init; } = Environment.CurrentDirectory;
}
