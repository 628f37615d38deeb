// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text.Json.Nodes;

namespace PolicyLang.Benchmarks.Corpus;

/// <summary>
/// AdmissionReview envelopes (admission.k8s.io/v1) around the generated workloads, as the API server sends them to a
/// validating webhook: a request uid, the kind and resource, namespace and name, the operation (CREATE, every fifth an
/// UPDATE with the same object as oldObject), the user (a controller's service account or a person), dryRun and the
/// operation's options. Deterministic: the envelope of workload i depends on i and the workload only.
/// </summary>
public static class AdmissionReviewCorpus
{
    private static readonly string[] Users =
    [
        "system:serviceaccount:kube-system:replicaset-controller",
        "system:serviceaccount:kube-system:job-controller",
        "system:serviceaccount:argocd:argocd-application-controller",
        "alice@example.com",
    ];

    /// <summary>The envelope of <paramref name="workload"/>, the <paramref name="index"/>-th of its corpus, as one JSON line.</summary>
    public static string Of(GeneratedWorkload workload, int index)
    {
        var obj = workload.Object;
        var apiVersion = obj.ApiVersion ?? "v1";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var group = slash < 0 ? string.Empty : apiVersion[..slash];
        var version = slash < 0 ? apiVersion : apiVersion[(slash + 1)..];
        var update = index % 5 == 4;
        var user = Users[index % Users.Length];
        var request = new JsonObject
        {
            ["uid"] = string.Create(CultureInfo.InvariantCulture, $"0d5c6f6e-{index:x8}-4b9e-9c1a-5f0e2b7d3a11"),
            ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = workload.Kind },
            ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = Resource(workload.Kind) },
            ["requestKind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = workload.Kind },
            ["requestResource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = Resource(workload.Kind) },
            ["name"] = obj.Metadata?.Name,
            ["namespace"] = obj.Metadata?.NamespaceProperty ?? "default",
            ["operation"] = update ? "UPDATE" : "CREATE",
            ["userInfo"] = new JsonObject
            {
                ["username"] = user,
                ["uid"] = string.Create(CultureInfo.InvariantCulture, $"u-{index % Users.Length}"),
                ["groups"] = user.StartsWith("system:serviceaccount:", StringComparison.Ordinal)
                    ? new JsonArray("system:serviceaccounts", "system:authenticated")
                    : new JsonArray("developers", "system:authenticated"),
            },
            ["object"] = JsonNode.Parse(workload.Json),
            ["oldObject"] = update ? JsonNode.Parse(workload.Json) : null,
            ["dryRun"] = false,
            ["options"] = new JsonObject
            {
                ["apiVersion"] = "meta.k8s.io/v1",
                ["kind"] = update ? "UpdateOptions" : "CreateOptions",
                ["fieldManager"] = update ? "kubectl-edit" : "kube-controller-manager",
            },
        };
        var review = new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request };
        return review.ToJsonString();
    }

    /// <summary>The envelopes of a whole corpus, in order.</summary>
    public static string[] Of(IReadOnlyList<GeneratedWorkload> corpus) => [.. corpus.Select(Of)];

    private static string Resource(string kind) => kind switch
    {
        "Pod" => "pods",
        "Deployment" => "deployments",
        "StatefulSet" => "statefulsets",
        "DaemonSet" => "daemonsets",
        "ReplicaSet" => "replicasets",
        "Job" => "jobs",
        "CronJob" => "cronjobs",
        "ReplicationController" => "replicationcontrollers",
        _ => kind.ToLowerInvariant() + "s",
    };
}
