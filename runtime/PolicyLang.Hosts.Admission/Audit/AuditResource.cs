// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>A kind of cluster object the audit lists: its API group, version, plural resource name and kind.</summary>
public sealed record AuditResource(string Group, string Version, string Plural, string Kind, bool Namespaced)
{
    /// <summary>What the audit lists by default: workloads and the objects the standard library's rules judge.</summary>
    public static readonly IReadOnlyList<AuditResource> Defaults =
    [
        new(string.Empty, "v1", "namespaces", "Namespace", false),
        new(string.Empty, "v1", "pods", "Pod", true),
        new(string.Empty, "v1", "services", "Service", true),
        new(string.Empty, "v1", "replicationcontrollers", "ReplicationController", true),
        new("apps", "v1", "deployments", "Deployment", true),
        new("apps", "v1", "statefulsets", "StatefulSet", true),
        new("apps", "v1", "daemonsets", "DaemonSet", true),
        new("apps", "v1", "replicasets", "ReplicaSet", true),
        new("batch", "v1", "jobs", "Job", true),
        new("batch", "v1", "cronjobs", "CronJob", true),
        new("networking.k8s.io", "v1", "ingresses", "Ingress", true),
        new("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true),
        new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true),
        new("rbac.authorization.k8s.io", "v1", "roles", "Role", true),
        new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true),
        new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false),
        new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false),
    ];

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The list path across all namespaces: <c>api/v1/pods</c>, <c>apis/apps/v1/deployments</c>.</summary>
    public string ListPath => Group.Length == 0 ? $"api/{Version}/{Plural}" : $"apis/{Group}/{Version}/{Plural}";
}
