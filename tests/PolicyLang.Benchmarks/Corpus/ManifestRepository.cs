// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using k8s;
using k8s.Models;

namespace PolicyLang.Benchmarks.Corpus;

/// <summary>
/// Writes a repository of manifests for the end-to-end CLI benchmark: the workload corpus (about 30% violating) mixed
/// with the other objects of an application — Services, ConfigMaps, ServiceAccounts, Ingresses, NetworkPolicies,
/// PodDisruptionBudgets, Roles and RoleBindings — as multi-document YAML files of about ten documents each, in one
/// folder per team.
/// </summary>
public static class ManifestRepository
{
    /// <summary>Writes <paramref name="count"/> manifests below <paramref name="directory"/>; returns the number of files.</summary>
    public static int Write(string directory, int count, int seed = WorkloadCorpus.DefaultSeed)
    {
        var random = new Random(seed);
        var workloads = WorkloadCorpus.Generate(count * 6 / 10, seed);
        var documents = new List<string>(count);
        documents.AddRange(workloads.Select(w => w.Yaml));
        for (var i = documents.Count; i < count; i++)
        {
            documents.Add(KubernetesYaml.Serialize(Other(random, i)));
        }

        // Shuffle deterministically so that each file holds a mix, as an application's folder does.
        for (var i = documents.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (documents[i], documents[j]) = (documents[j], documents[i]);
        }

        var files = 0;
        for (var start = 0; start < documents.Count; start += 10)
        {
            var folder = Path.Combine(directory, "team-" + (files % 20).ToString("00", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var text = new StringBuilder();
            foreach (var document in documents.Skip(start).Take(10))
            {
                text.Append("---\n").Append(document.TrimEnd('\n')).Append('\n');
            }

            File.WriteAllText(Path.Combine(folder, $"app-{files.ToString("0000", CultureInfo.InvariantCulture)}.yaml"), text.ToString());
            files++;
        }

        return files;
    }

    private static object Other(Random random, int index)
    {
        var name = "app-" + index.ToString(CultureInfo.InvariantCulture);
        var ns = "team-" + random.Next(20).ToString(CultureInfo.InvariantCulture);
        var meta = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = name } };
        var selector = new Dictionary<string, string> { ["app.kubernetes.io/instance"] = name };
        return random.Next(8) switch
        {
            0 => new V1Service
            {
                ApiVersion = "v1", Kind = "Service", Metadata = meta,
                Spec = new V1ServiceSpec { Selector = selector, Type = random.Next(6) == 0 ? "NodePort" : "ClusterIP", Ports = [new V1ServicePort { Port = 80, TargetPort = 8080, Name = "http" }] },
            },
            1 => new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = meta, Data = new Dictionary<string, string> { ["config.yaml"] = "level: info\nport: 8080\n" } },
            2 => new V1ServiceAccount { ApiVersion = "v1", Kind = "ServiceAccount", Metadata = meta, AutomountServiceAccountToken = random.Next(2) == 0 },
            3 => new V1Ingress
            {
                ApiVersion = "networking.k8s.io/v1", Kind = "Ingress", Metadata = meta,
                Spec = new V1IngressSpec
                {
                    Rules = [new V1IngressRule { Host = random.Next(10) == 0 ? null : name + ".example.com", Http = new V1HTTPIngressRuleValue { Paths = [new V1HTTPIngressPath { Path = "/", PathType = "Prefix", Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = name, Port = new V1ServiceBackendPort { Number = 80 } } } }] } }],
                },
            },
            4 => new V1NetworkPolicy
            {
                ApiVersion = "networking.k8s.io/v1", Kind = "NetworkPolicy", Metadata = meta,
                Spec = new V1NetworkPolicySpec { PodSelector = new V1LabelSelector { MatchLabels = selector }, PolicyTypes = ["Ingress"] },
            },
            5 => new V1PodDisruptionBudget
            {
                ApiVersion = "policy/v1", Kind = "PodDisruptionBudget", Metadata = meta,
                Spec = new V1PodDisruptionBudgetSpec { MinAvailable = 1, Selector = new V1LabelSelector { MatchLabels = selector } },
            },
            6 => new V1Role
            {
                ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "Role", Metadata = meta,
                Rules = [new V1PolicyRule { ApiGroups = [""], Resources = random.Next(5) == 0 ? ["*"] : ["configmaps"], Verbs = random.Next(5) == 0 ? ["*"] : ["get", "list"] }],
            },
            _ => new V1RoleBinding
            {
                ApiVersion = "rbac.authorization.k8s.io/v1", Kind = "RoleBinding", Metadata = meta,
                RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = name },
                Subjects = [new Rbacv1Subject { Kind = "ServiceAccount", Name = name, NamespaceProperty = ns }],
            },
        };
    }
}
