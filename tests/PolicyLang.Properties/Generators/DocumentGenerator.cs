// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;
using CsCheck;

namespace PolicyLang.Properties.Generators;

/// <summary>
/// Generates Kubernetes objects as JSON: Pods, Deployments, StatefulSets, Jobs and CronJobs (and now and then an object
/// without a pod template), with every field independently present, absent or null — absent is the interesting case.
/// Values come from small pools so that the generated conditions hit.
/// </summary>
internal static class DocumentGenerator
{
    public static Gen<string> Document { get; } =
        from kind in Gen.Frequency((5, Gen.Const("Pod")), (4, Gen.Const("Deployment")), (2, Gen.Const("CronJob")), (1, Gen.Const("StatefulSet")), (1, Gen.Const("Job")), (1, Gen.Const("ConfigMap")))
        from metadata in Metadata
        from podMetadata in Metadata
        from spec in PodSpec
        from replicas in Optional(Choice.Text("0", "1", "3", "\"3\"", "null"))
        from paused in Optional(Choice.Text("true", "false", "\"yes\""))
        from strategy in Optional(Choice.Text("{\"type\":\"Recreate\"}", "{\"type\":\"RollingUpdate\"}", "{}"))
        from schedule in Optional(Choice.Text("\"* * * * *\"", "\"@daily\""))
        from suspend in Optional(Choice.Text("true", "false"))
        from status in Optional(Choice.Text("{\"phase\":\"Running\"}", "null"))
        select Build(kind, metadata, podMetadata, spec, replicas, paused, strategy, schedule, suspend, status);

    private static string Build(string kind, JsonObject? metadata, JsonObject? podMetadata, JsonObject? spec, string? replicas, string? paused, string? strategy, string? schedule, string? suspend, string? status)
    {
        var root = new JsonObject
        {
            ["apiVersion"] = kind switch
            {
                "Pod" or "ConfigMap" => "v1",
                "CronJob" or "Job" => "batch/v1",
                _ => "apps/v1",
            },
            ["kind"] = kind,
        };
        if (metadata is not null)
        {
            root["metadata"] = metadata;
        }

        var template = new JsonObject();
        if (podMetadata is not null)
        {
            template["metadata"] = podMetadata;
        }

        if (spec is not null)
        {
            template["spec"] = spec;
        }

        switch (kind)
        {
            case "Pod":
                if (spec is not null)
                {
                    root["spec"] = spec.DeepClone();
                }

                break;
            case "ConfigMap":
                root["data"] = new JsonObject { ["a"] = "1" };
                break;
            case "CronJob":
                var cron = new JsonObject { ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } } };
                Add(cron, "schedule", schedule);
                Add(cron, "suspend", suspend);
                root["spec"] = cron;
                break;
            default:
                var controller = new JsonObject { ["template"] = template, ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } } };
                Add(controller, "replicas", replicas);
                Add(controller, "paused", paused);
                Add(controller, "strategy", strategy);
                root["spec"] = controller;
                break;
        }

        Add(root, "status", status);
        return root.ToJsonString();
    }

    private static void Add(JsonObject target, string name, string? json)
    {
        if (json is not null)
        {
            target[name] = JsonNode.Parse(json);
        }
    }

    /// <summary>The JSON text of a value, or null for an absent field.</summary>
    private static Gen<string?> Optional(Gen<string> value) => Gen.Frequency((2, Gen.Const((string?)null)), (3, value.Select(v => (string?)v)));

    private static Gen<JsonObject?> Metadata =>
        from present in Gen.Int[0, 5]
        from name in Optional(Choice.Text("\"web\"", "\"a\"", "\"x/y~z\"", "\"\""))
        from ns in Optional(Choice.Text("\"prod\"", "\"kube-system\""))
        from labels in Optional(StringMap("app", "app.kubernetes.io/name", "team"))
        from annotations in Optional(StringMap("owner", "a"))
        from created in Optional(Choice.Text("\"2024-01-01T00:00:00Z\"", "\"2025-01-02T02:00:00Z\"", "\"2030-06-01T12:30:00+02:00\""))
        select present == 0 ? null : Object(("name", name), ("namespace", ns), ("labels", labels), ("annotations", annotations), ("creationTimestamp", created));

    private static Gen<string> StringMap(params string[] keys) =>
        from values in Optional(Choice.Text("\"web\"", "\"infra\"", "\"a\"", "\"\"", "\"nginx\"")).Array[keys.Length]
        select "{" + string.Join(",", keys.Zip(values).Where(p => p.Second is not null).Select(p => $"\"{p.First}\":{p.Second}")) + "}";

    private static Gen<JsonObject?> PodSpec =>
        from present in Gen.Int[0, 7]
        from containers in Optional(Containers(0, 3))
        from initContainers in Optional(Containers(0, 2))
        from ephemeral in Gen.Frequency((8, Gen.Const((string?)null)), (1, Containers(1, 1).Select(c => (string?)c)))
        from hostNetwork in Optional(Choice.Text("true", "false", "null"))
        from hostPid in Optional(Choice.Text("true", "false"))
        from automount in Optional(Choice.Text("true", "false"))
        from priority in Optional(Choice.Text("0", "7", "1000", "-5"))
        from grace in Optional(Choice.Text("0", "30", "9223372036854775807"))
        from account in Optional(Choice.Text("\"default\"", "\"web\"", "\"\""))
        from restart in Optional(Choice.Text("\"Always\"", "\"Never\""))
        from nodeSelector in Optional(StringMap("app", "disk"))
        from securityContext in Optional(Choice.Text("{}", "{\"runAsUser\":0}", "{\"runAsUser\":1000,\"runAsNonRoot\":true}", "{\"runAsNonRoot\":false}"))
        select present == 0 ? null : Object(
            ("containers", containers), ("initContainers", initContainers), ("ephemeralContainers", ephemeral), ("hostNetwork", hostNetwork), ("hostPID", hostPid),
            ("automountServiceAccountToken", automount), ("priority", priority), ("terminationGracePeriodSeconds", grace), ("serviceAccountName", account),
            ("restartPolicy", restart), ("nodeSelector", nodeSelector), ("securityContext", securityContext));

    private static Gen<string> Containers(int min, int max) =>
        Container.Array[min, max].Select(items => "[" + string.Join(",", items) + "]");

    private static Gen<string> Container =>
        from name in Optional(Choice.Text("\"a\"", "\"web\"", "\"init\"", "\"x/y~z\"", "\"\"", "null"))
        from image in Optional(Choice.Text("\"nginx\"", "\"nginx:1.2\"", "\"ghcr.io/a/b:latest\"", "\"repo/c@sha256:abc\"", "\"\"", "null"))
        from pull in Optional(Choice.Text("\"Always\"", "\"IfNotPresent\""))
        from args in Optional(Choice.Text("[]", "[\"-v\"]", "[\"-v\",\"--x\",\"a\"]", "[\"sh\",\"a\"]"))
        from command in Optional(Choice.Text("[\"sh\"]", "[\"nginx\",\"-g\"]"))
        from ports in Optional(Port.Array[0, 3].Select(p => "[" + string.Join(",", p) + "]"))
        from securityContext in Optional(SecurityContext)
        from resources in Optional(Resources)
        from stdin in Optional(Choice.Text("true", "false"))
        from workingDir in Optional(Choice.Text("\"/app\"", "\"\""))
        from probe in Optional(Choice.Text("{\"httpGet\":{\"port\":8080}}", "{\"httpGet\":{\"port\":\"http\"}}", "{}"))
        select "{" + string.Join(",", new[] { ("name", name), ("image", image), ("imagePullPolicy", pull), ("args", args), ("command", command), ("ports", ports), ("securityContext", securityContext), ("resources", resources), ("stdin", stdin), ("workingDir", workingDir), ("livenessProbe", probe) }
            .Where(f => f.Item2 is not null).Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}";

    private static Gen<string> Port =>
        from containerPort in Choice.Text("80", "443", "8080", "53")
        from hostPort in Optional(Choice.Text("80", "30000"))
        from protocol in Optional(Choice.Text("\"TCP\"", "\"UDP\""))
        from name in Optional(Choice.Text("\"http\"", "\"dns\""))
        select "{" + string.Join(",", new[] { ("containerPort", (string?)containerPort), ("hostPort", hostPort), ("protocol", protocol), ("name", name) }
            .Where(f => f.Item2 is not null).Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}";

    private static Gen<string> SecurityContext =>
        from privileged in Optional(Choice.Text("true", "false", "null"))
        from escalation in Optional(Choice.Text("true", "false"))
        from runAsUser in Optional(Choice.Text("0", "1000", "65534"))
        from runAsNonRoot in Optional(Choice.Text("true", "false"))
        from readOnly in Optional(Choice.Text("true", "false"))
        from capabilities in Optional(Choice.Text("{}", "{\"add\":[\"NET_ADMIN\"]}", "{\"drop\":[\"ALL\"]}", "{\"add\":[\"SYS_ADMIN\",\"a\"],\"drop\":[]}"))
        select "{" + string.Join(",", new[] { ("privileged", privileged), ("allowPrivilegeEscalation", escalation), ("runAsUser", runAsUser), ("runAsNonRoot", runAsNonRoot), ("readOnlyRootFilesystem", readOnly), ("capabilities", capabilities) }
            .Where(f => f.Item2 is not null).Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}";

    private static Gen<string> Resources =>
        from limits in Optional(Choice.Text("{\"memory\":\"512Mi\"}", "{\"memory\":\"1Gi\",\"cpu\":\"500m\"}", "{\"cpu\":\"2\"}", "{}"))
        from requests in Optional(Choice.Text("{\"memory\":\"256Mi\",\"cpu\":\"250m\"}", "{\"cpu\":\"1\"}"))
        select "{" + string.Join(",", new[] { ("limits", limits), ("requests", requests) }.Where(f => f.Item2 is not null).Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}";

    private static JsonObject Object(params (string Name, string? Json)[] fields)
    {
        var result = new JsonObject();
        foreach (var (name, json) in fields)
        {
            Add(result, name, json);
        }

        return result;
    }
}
