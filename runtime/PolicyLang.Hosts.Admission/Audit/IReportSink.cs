// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>Where the audit's reports go: the cluster (<see cref="ClusterReportWriter"/>) or, for a dry run, a list.</summary>
public interface IReportSink
{
    /// <summary>Writes (creates or replaces) a report.</summary>
    /// <exception cref="AuditException">The report cannot be written.</exception>
    Task WriteAsync(JsonObject report, CancellationToken cancellationToken);
}
