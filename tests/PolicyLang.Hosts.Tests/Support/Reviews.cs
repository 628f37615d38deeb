// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>Real <c>admission.k8s.io/v1</c> AdmissionReview requests, shaped as the API server sends them.</summary>
internal static class Reviews
{
    public static JsonObject Pod(string name, string ns, JsonObject spec, JsonObject? labels = null, JsonObject? annotations = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels is not null)
        {
            metadata["labels"] = labels;
        }

        if (annotations is not null)
        {
            metadata["annotations"] = annotations;
        }

        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = metadata, ["spec"] = spec };
    }

    public static JsonObject Containers(params (string Name, string Image, JsonObject? SecurityContext)[] containers)
    {
        var list = new JsonArray();
        foreach (var (name, image, securityContext) in containers)
        {
            var container = new JsonObject { ["name"] = name, ["image"] = image };
            if (securityContext is not null)
            {
                container["securityContext"] = securityContext;
            }

            list.Add(container);
        }

        return new JsonObject { ["containers"] = list };
    }

    /// <summary>A compliant pod: labelled, unprivileged, pinned image.</summary>
    public static JsonObject GoodPod(string name = "web", string ns = "shop") =>
        Pod(name, ns, Containers(("app", "registry.example/web:1.0", null)), new JsonObject { ["team"] = "shop" });

    /// <summary>A pod with a privileged container (denied by HT-001).</summary>
    public static JsonObject PrivilegedPod(string name = "root", string ns = "shop") =>
        Pod(name, ns, Containers(("app", "registry.example/web:1.0", new JsonObject { ["privileged"] = true })), new JsonObject { ["team"] = "shop" });

    /// <summary>An object of any kind with labels and annotations (no spec).</summary>
    public static JsonObject Object(string apiVersion, string kind, string name, string ns, JsonObject? labels = null, JsonObject? annotations = null)
    {
        var metadata = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels ?? [], ["annotations"] = annotations ?? [] };
        return new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = metadata };
    }

    public static string Review(string operation, JsonObject? obj, JsonObject? oldObject = null, bool dryRun = false, string? uid = null, string user = "alice")
    {
        var target = obj ?? oldObject ?? throw new ArgumentException("a review needs an object or an old object");
        var kind = target["kind"]?.GetValue<string>() ?? "Pod";
        var metadata = target["metadata"]?.AsObject();
        var ns = metadata?["namespace"]?.GetValue<string>();
        var (group, version) = kind is "Namespace" or "Pod" or "ConfigMap" or "Service" ? (string.Empty, "v1") : ("apps", "v1");
        var request = new JsonObject
        {
            ["uid"] = uid ?? Guid.NewGuid().ToString(),
            ["kind"] = new JsonObject { ["group"] = group, ["version"] = version, ["kind"] = kind },
            ["resource"] = new JsonObject { ["group"] = group, ["version"] = version, ["resource"] = kind.ToLowerInvariant() + "s" },
            ["name"] = metadata?["name"]?.GetValue<string>(),
            ["operation"] = operation,
            ["userInfo"] = new JsonObject { ["username"] = user, ["groups"] = new JsonArray("system:authenticated") },
            ["object"] = obj?.DeepClone(),
            ["oldObject"] = oldObject?.DeepClone(),
            ["dryRun"] = dryRun,
            ["options"] = new JsonObject { ["apiVersion"] = "meta.k8s.io/v1", ["kind"] = operation switch { "CREATE" => "CreateOptions", "UPDATE" => "UpdateOptions", _ => "DeleteOptions" } },
        };
        if (ns is not null)
        {
            request["namespace"] = ns;
        }

        return new JsonObject { ["apiVersion"] = "admission.k8s.io/v1", ["kind"] = "AdmissionReview", ["request"] = request }.ToJsonString();
    }
}
