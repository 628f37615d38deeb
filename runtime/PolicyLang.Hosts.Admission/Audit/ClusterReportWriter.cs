// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>
/// Writes reports to the cluster by server-side apply (field manager <c>policylang</c>): one request creates or
/// replaces a report, whatever was there.
/// </summary>
public sealed class ClusterReportWriter : IReportSink
{
    public const string FieldManager = "policylang";

    private readonly IKubernetes _client;

    public ClusterReportWriter(IKubernetes client)
    {
        _client = client;
    }

    public async Task WriteAsync(JsonObject report, CancellationToken cancellationToken)
    {
        var name = report["metadata"]?["name"]?.GetValue<string>() ?? throw new ArgumentException("a report needs a name", nameof(report));
        var ns = report["metadata"]?["namespace"]?.GetValue<string>();
        var patch = new V1Patch(report.ToJsonString(), V1Patch.PatchType.ApplyPatch);
        var what = ns is null ? $"ClusterPolicyReport {name}" : $"PolicyReport {ns}/{name}";
        try
        {
            if (ns is null)
            {
                using var _ = await _client.CustomObjects.PatchClusterCustomObjectWithHttpMessagesAsync(
                    patch, PolicyReportBuilder.Group, PolicyReportBuilder.Version, "clusterpolicyreports", name, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            else
            {
                using var _ = await _client.CustomObjects.PatchNamespacedCustomObjectWithHttpMessagesAsync(
                    patch, PolicyReportBuilder.Group, PolicyReportBuilder.Version, ns, "policyreports", name, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound && IsMissingResource(e.Response.Content))
        {
            throw new AuditException($"writing {what}: the cluster does not serve {PolicyReportBuilder.ApiVersion} reports; install the PolicyReport CRDs (kubectl apply -k deploy/audit/crds)", e);
        }
        catch (HttpOperationException e)
        {
            throw new AuditException($"writing {what}: the API server answered {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}: {ClusterLister.StatusMessage(e.Response.Content)}", e);
        }
        catch (HttpRequestException e)
        {
            throw new AuditException($"writing {what}: cannot reach the API server: {e.Message}", e);
        }
    }

    /// <summary>A 404 for the resource type itself (not for a namespace that is gone).</summary>
    private static bool IsMissingResource(string? body) =>
        body is null || !body.Contains("namespaces \\\"", StringComparison.Ordinal) && !body.Contains("\"kind\":\"namespaces\"", StringComparison.Ordinal);
}
