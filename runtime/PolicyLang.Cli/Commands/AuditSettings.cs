// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Cli.Commands;

/// <summary>The options of <c>policylang audit</c> as given.</summary>
internal sealed record AuditSettings
{
    public string? Bundle { get; init; }

    public IReadOnlyList<string> Policies { get; init; } = [];

    public string? Bindings { get; init; }

    public string? VerifyKey { get; init; }

    public string? Kubeconfig { get; init; }

    public string? Context { get; init; }

    public IReadOnlyList<string> ExcludeNamespaces { get; init; } = [];

    public bool Watch { get; init; }

    public string? Interval { get; init; }

    public string MetricsAddress { get; init; } = "0.0.0.0";

    public int? MetricsPort { get; init; }

    public int? MaxResults { get; init; }

    public bool DryRun { get; init; }
}
