// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>What the audit lists, where it writes, and how often it runs again when watching.</summary>
public sealed record AuditOptions
{
    /// <summary>The kinds of objects listed (and watched).</summary>
    public IReadOnlyList<AuditResource> Resources { get; init; } = AuditResource.Defaults;

    /// <summary>Namespaces (globs) not audited: their objects are not judged and get no report.</summary>
    public IReadOnlyList<string> ExcludeNamespaces { get; init; } = [];

    /// <summary>When watching: the least time between two audits (changes within it are judged together).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>When watching: how long one watch request lasts before it is renewed.</summary>
    public TimeSpan WatchTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Results kept per report (the summary still counts every one); etcd objects are limited to about 1.5 MB.</summary>
    public int MaxResultsPerReport { get; init; } = 1000;

    /// <summary>The name of every report written (one PolicyReport per namespace, one ClusterPolicyReport).</summary>
    public string ReportName { get; init; } = "policylang";
}
