// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Text;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Hosts.Tests.Deploy;

/// <summary>
/// Renders deploy/ with `kubectl kustomize` (Debian's kubernetes-client). Where kubectl is missing, a small renderer
/// applies the subset of kustomize this kustomization uses (resources, namespace, labels without selectors, one
/// configMapGenerator), so the checks still run; the tests say which was used.
/// </summary>
internal static class Kustomize
{
    public static (string Yaml, string Renderer) Render(string directory)
    {
        if (FindKubectl() is { } kubectl)
        {
            var info = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("kustomize");
            info.ArgumentList.Add(directory);
            using var process = Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("kubectl kustomize did not finish");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException("kubectl kustomize failed: " + error.Result);
            }

            return (output.Result, "kubectl kustomize");
        }

        return (RenderWithoutKubectl(directory), "built-in subset of kustomize (kubectl not found)");
    }

    private static string? FindKubectl() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(p => Path.Combine(p, "kubectl"))
            .FirstOrDefault(File.Exists);

    /// <summary>The fallback renderer (also tested against kubectl where both exist).</summary>
    public static string RenderWithoutKubectl(string directory)
    {
        var kustomization = Read(Path.Combine(directory, "kustomization.yaml")).Single();
        var ns = (kustomization["namespace"] as DocScalar)?.Text;
        var labels = (kustomization["labels"] as DocList)?.Items.OfType<DocMap>().SelectMany(l => (l["pairs"] as DocMap)?.Entries ?? []).ToDictionary(e => e.Key, e => ((DocScalar)e.Value).Text) ?? [];
        var output = new StringBuilder();
        foreach (var resource in ((DocList?)kustomization["resources"])?.Items.OfType<DocScalar>() ?? [])
        {
            foreach (var document in Read(Path.Combine(directory, resource.Text)))
            {
                var json = System.Text.Json.Nodes.JsonNode.Parse(DocJson.ToJsonNode(document)?.ToJsonString() ?? "{}")?.AsObject() ?? [];
                var kind = json["kind"]?.GetValue<string>();
                var metadata = json["metadata"]?.AsObject() ?? [];
                var clusterScoped = kind is "Namespace" or "ClusterRole" or "ClusterRoleBinding" or "ValidatingWebhookConfiguration" or "MutatingWebhookConfiguration";
                if (!clusterScoped && ns is not null)
                {
                    metadata["namespace"] = ns;
                }

                var objectLabels = metadata["labels"]?.AsObject() ?? [];
                foreach (var (key, value) in labels)
                {
                    objectLabels[key] = value;
                }

                metadata["labels"] = objectLabels;
                output.Append("---\n").Append(json.ToJsonString()).Append('\n');
            }
        }

        foreach (var generator in ((DocList?)kustomization["configMapGenerator"])?.Items.OfType<DocMap>() ?? [])
        {
            var data = new System.Text.Json.Nodes.JsonObject();
            foreach (var file in ((DocList?)generator["files"])?.Items.OfType<DocScalar>() ?? [])
            {
                data[Path.GetFileName(file.Text)] = File.ReadAllText(Path.Combine(directory, file.Text));
            }

            var configMap = new System.Text.Json.Nodes.JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = (generator["name"] as DocScalar)?.Text, ["namespace"] = ns, ["labels"] = new System.Text.Json.Nodes.JsonObject(labels.Select(l => KeyValuePair.Create(l.Key, (System.Text.Json.Nodes.JsonNode?)l.Value))) },
                ["data"] = data,
            };
            output.Append("---\n").Append(configMap.ToJsonString()).Append('\n');
        }

        return output.ToString();
    }

    private static List<DocMap> Read(string path) =>
        new DocumentReader().ReadText(File.ReadAllText(path), path).Select(d => d.Root).OfType<DocMap>().ToList();
}
