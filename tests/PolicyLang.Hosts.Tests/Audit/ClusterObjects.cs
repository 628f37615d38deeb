// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Audit;

/// <summary>A small cluster for the fake API server: two namespaces, pods judged by the test policies, a Deployment, a ClusterRole.</summary>
internal static class ClusterObjects
{
    public const string Pods = "api/v1/pods";

    public const string Namespaces = "api/v1/namespaces";

    public const string Deployments = "apis/apps/v1/deployments";

    public const string ClusterRoles = "apis/rbac.authorization.k8s.io/v1/clusterroles";

    public static JsonObject Namespace(string name) =>
        new() { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };

    /// <summary>Fills the server: shop (4 pods: compliant, privileged, latest without team, host network) and prod (a privileged Deployment).</summary>
    public static void Seed(FakeKubernetesApi api)
    {
        api.Put(Namespaces, Namespace("shop"));
        api.Put(Namespaces, Namespace("prod"));
        api.Put(Pods, Reviews.GoodPod("web", "shop"));
        api.Put(Pods, Reviews.PrivilegedPod("root", "shop"));
        api.Put(Pods, Reviews.Pod("latest", "shop", Reviews.Containers(("app", "nginx:latest", null))));
        var net = Reviews.Containers(("app", "registry.example/web:1.0", null));
        net["hostNetwork"] = true;
        api.Put(Pods, Reviews.Pod("net", "shop", net, new JsonObject { ["team"] = "shop" }));
        api.Put(Deployments, Deployment("api", "prod", privileged: true));
        api.Put(ClusterRoles, new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = new JsonObject { ["name"] = "viewer" },
            ["rules"] = new JsonArray(new JsonObject { ["apiGroups"] = new JsonArray(""), ["resources"] = new JsonArray("pods"), ["verbs"] = new JsonArray("get") }),
        });
    }

    public static JsonObject Deployment(string name, string ns, bool privileged) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 2,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = Reviews.Containers(("app", "registry.example/api:2.0", new JsonObject { ["privileged"] = privileged })),
            },
        },
    };

    /// <summary>The results of a report as "result rule kind/name path" lines, sorted.</summary>
    public static IReadOnlyList<string> Results(JsonObject report) =>
        (report["results"]?.AsArray() ?? [])
            .Select(r => $"{r?["result"]} {r?["rule"]} {r?["resources"]?[0]?["kind"]}/{r?["resources"]?[0]?["name"]} {r?["properties"]?["path"]}")
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string Summary(JsonObject report) =>
        string.Join(" ", new[] { "pass", "fail", "warn", "error", "skip" }.Select(k => $"{k}={report["summary"]?[k]}"));
}
