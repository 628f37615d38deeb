// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s;
using k8s.Models;
using PolicyLang.Hosts.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PolicyLang.Hosts.Tests.Deploy;

/// <summary>
/// Without a cluster to apply to, the rendered manifests are read strictly into KubernetesClient's API models (an
/// unknown or misspelt field, or a value of the wrong type, fails), and what the API server and the controllers need
/// is checked: names, selectors that select the pod, ports, volumes, the webhooks' service and certificate.
/// </summary>
public sealed class ManifestSchemaTests
{
    private const string Namespace = "policylang-system";

    private static readonly Dictionary<string, Type> Models = new(StringComparer.Ordinal)
    {
        ["v1/Namespace"] = typeof(V1Namespace),
        ["v1/ServiceAccount"] = typeof(V1ServiceAccount),
        ["v1/ConfigMap"] = typeof(V1ConfigMap),
        ["v1/Service"] = typeof(V1Service),
        ["apps/v1/Deployment"] = typeof(V1Deployment),
        ["policy/v1/PodDisruptionBudget"] = typeof(V1PodDisruptionBudget),
        ["networking.k8s.io/v1/NetworkPolicy"] = typeof(V1NetworkPolicy),
        ["admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration"] = typeof(V1ValidatingWebhookConfiguration),
        ["admissionregistration.k8s.io/v1/MutatingWebhookConfiguration"] = typeof(V1MutatingWebhookConfiguration),
        ["rbac.authorization.k8s.io/v1/ClusterRole"] = typeof(V1ClusterRole),
        ["rbac.authorization.k8s.io/v1/ClusterRoleBinding"] = typeof(V1ClusterRoleBinding),
        ["apiextensions.k8s.io/v1/CustomResourceDefinition"] = typeof(V1CustomResourceDefinition),
    };

    /// <summary>The rendered objects as models; cert-manager's kinds (no models here) as YAML.</summary>
    private static (List<IKubernetesObject<V1ObjectMeta>> Objects, List<YamlMappingNode> CertManager) Load(string directory)
    {
        var yaml = Kustomize.Render(Path.Combine(TestPaths.Root, directory)).Yaml;
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var objects = new List<IKubernetesObject<V1ObjectMeta>>();
        var certManager = new List<YamlMappingNode>();
        foreach (var document in stream.Documents)
        {
            var root = (YamlMappingNode)document.RootNode;
            var key = $"{root["apiVersion"]}/{root["kind"]}";
            if (key.StartsWith("cert-manager.io/v1/", StringComparison.Ordinal))
            {
                certManager.Add(root);
                continue;
            }

            Models.ShouldContainKey(key, "a kind the tests do not know how to check");
            var text = new StringWriter();
            new YamlStream(new YamlDocument(root)).Save(text, assignAnchors: false);
            var loaded = KubernetesYaml.LoadAllFromString(text.ToString(), Models, strict: true).Single();
            objects.Add((IKubernetesObject<V1ObjectMeta>)loaded);
        }

        return (objects, certManager);
    }

    private static T Single<T>(IEnumerable<IKubernetesObject<V1ObjectMeta>> objects) => objects.OfType<T>().Single();

    private static bool Selects(IDictionary<string, string>? selector, IDictionary<string, string>? labels) =>
        selector is { Count: > 0 } && labels is not null && selector.All(s => labels.TryGetValue(s.Key, out var v) && v == s.Value);

    [Theory]
    [InlineData("deploy")]
    [InlineData("deploy/audit")]
    [InlineData("deploy/audit/crds")]
    public void Every_rendered_object_reads_strictly_into_the_api_models_and_is_named(string directory)
    {
        var (objects, certManager) = Load(directory);

        objects.ShouldNotBeEmpty();
        objects.ShouldAllBe(o => !string.IsNullOrEmpty(o.Metadata.Name));
        var clusterScoped = new[] { "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration" };
        objects.Where(o => !clusterScoped.Contains(o.Kind)).ShouldAllBe(o => o.Metadata.NamespaceProperty == Namespace);
        objects.Where(o => clusterScoped.Contains(o.Kind)).ShouldAllBe(o => o.Metadata.NamespaceProperty == null);
        certManager.ShouldAllBe(c => ((YamlMappingNode)c["metadata"])["namespace"].ToString() == Namespace);
    }

    [Fact]
    public void A_misspelt_field_is_caught_by_the_strict_reading()
    {
        var yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replica: 3\n";

        Should.Throw<YamlDotNet.Core.YamlException>(() => KubernetesYaml.LoadAllFromString(yaml, Models, strict: true));
    }

    [Fact]
    public void The_webhook_deployment_fits_together()
    {
        var (objects, certManager) = Load("deploy");
        var deployment = Single<V1Deployment>(objects);
        var pod = deployment.Spec.Template;
        var container = pod.Spec.Containers.Single();
        var service = Single<V1Service>(objects);
        var configMap = Single<V1ConfigMap>(objects);

        // The Deployment selects its own pods; the Service, the disruption budget and the network policy select them.
        Selects(deployment.Spec.Selector.MatchLabels, pod.Metadata.Labels).ShouldBeTrue();
        Selects(service.Spec.Selector, pod.Metadata.Labels).ShouldBeTrue();
        Selects(Single<V1PodDisruptionBudget>(objects).Spec.Selector.MatchLabels, pod.Metadata.Labels).ShouldBeTrue();
        objects.OfType<V1NetworkPolicy>().ShouldContain(p => Selects(p.Spec.PodSelector.MatchLabels, pod.Metadata.Labels));
        pod.Spec.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution.ShouldAllBe(t => Selects(t.PodAffinityTerm.LabelSelector.MatchLabels, pod.Metadata.Labels));

        // Ports by name: the Service's target and every probe name a port of the container.
        var ports = container.Ports.Select(p => p.Name).ToList();
        service.Spec.Ports.ShouldAllBe(p => ports.Contains(p.TargetPort.Value));
        new[] { container.ReadinessProbe, container.LivenessProbe, container.StartupProbe }.ShouldAllBe(p => p != null && ports.Contains(p.HttpGet.Port.Value) && p.HttpGet.Scheme == "HTTPS");
        container.Image.ShouldNotBeNullOrEmpty();
        pod.Spec.ServiceAccountName.ShouldBe(Single<V1ServiceAccount>(objects).Metadata.Name);

        // Every mount has a volume; the config volume is the generated ConfigMap (kustomize renamed it with a hash).
        var volumes = pod.Spec.Volumes.ToDictionary(v => v.Name);
        container.VolumeMounts.ShouldAllBe(m => volumes.ContainsKey(m.Name));
        container.VolumeMounts.Where(m => m.Name != "tmp").ShouldAllBe(m => m.ReadOnlyProperty == true);
        volumes["tmp"].EmptyDir.ShouldNotBeNull();
        volumes["config"].ConfigMap.Name.ShouldBe(configMap.Metadata.Name);
        configMap.Metadata.Name.ShouldStartWith("policylang-admission-config-");
        configMap.Data.Keys.ShouldBe(["config.yaml"]);
        container.Args.ShouldContain("/etc/policylang/config/config.yaml");

        // The host's settings point into the mounts: the bundle and its key (the ConfigMap keys the README creates),
        // the Secret's tls.crt and tls.key (as cert-manager writes them), and the container's port.
        var settings = new YamlStream();
        settings.Load(new StringReader(configMap.Data["config.yaml"]));
        var config = (YamlMappingNode)settings.Documents.Single().RootNode;
        string MountOf(string volume) => container.VolumeMounts.Single(m => m.Name == volume).MountPath;
        config["bundle"].ToString().ShouldBe(MountOf("bundle") + "/policies.bundle");
        config["verify-key"].ToString().ShouldBe(MountOf("bundle") + "/verify.pub");
        config["tls-cert"].ToString().ShouldBe(MountOf("tls") + "/tls.crt");
        config["tls-key"].ToString().ShouldBe(MountOf("tls") + "/tls.key");
        config["port"].ToString().ShouldBe(container.Ports.Single().ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        volumes["bundle"].ConfigMap.Name.ShouldBe("policylang-bundle");

        // The serving certificate: cert-manager writes the Secret the pod mounts, for the Service's DNS name.
        var certificates = certManager.Where(c => c["kind"].ToString() == "Certificate").ToDictionary(c => ((YamlMappingNode)c["metadata"])["name"].ToString());
        var issuers = certManager.Where(c => c["kind"].ToString() == "Issuer").Select(c => ((YamlMappingNode)c["metadata"])["name"].ToString()).ToHashSet();
        var serving = (YamlMappingNode)certificates["policylang-admission-tls"]["spec"];
        serving["secretName"].ToString().ShouldBe(volumes["tls"].Secret.SecretName);
        ((YamlSequenceNode)serving["dnsNames"]).Select(n => n.ToString()).ShouldContain($"{service.Metadata.Name}.{Namespace}.svc");
        certificates.Values.ShouldAllBe(c => issuers.Contains(((YamlMappingNode)((YamlMappingNode)c["spec"])["issuerRef"])["name"].ToString()));

        // Both webhooks call that Service on a port it has, under fully qualified names, with the CA injected.
        var webhooks = Single<V1ValidatingWebhookConfiguration>(objects).Webhooks.Select(w => (w.Name, w.ClientConfig, w.Rules, w.TimeoutSeconds, w.AdmissionReviewVersions))
            .Concat(Single<V1MutatingWebhookConfiguration>(objects).Webhooks.Select(w => (w.Name, w.ClientConfig, w.Rules, w.TimeoutSeconds, w.AdmissionReviewVersions)))
            .ToList();
        webhooks.Count.ShouldBe(2);
        foreach (var (name, client, rules, timeout, versions) in webhooks)
        {
            name.Split('.').Length.ShouldBeGreaterThanOrEqualTo(3, name);
            client.Service.Name.ShouldBe(service.Metadata.Name);
            client.Service.NamespaceProperty.ShouldBe(Namespace);
            service.Spec.Ports.Select(p => p.Port).ShouldContain(client.Service.Port ?? 443);
            client.CaBundle.ShouldBeNull();
            timeout.ShouldNotBeNull();
            timeout.Value.ShouldBeInRange(1, 30);
            versions.ShouldContain("v1");
            rules.ShouldNotBeEmpty();
            rules.ShouldAllBe(r => r.Operations.Count > 0 && r.ApiGroups.Count > 0 && r.ApiVersions.Count > 0 && r.Resources.Count > 0);
        }

        objects.OfType<V1ValidatingWebhookConfiguration>().Cast<IKubernetesObject<V1ObjectMeta>>().Concat(objects.OfType<V1MutatingWebhookConfiguration>())
            .ShouldAllBe(c => c.Metadata.Annotations["cert-manager.io/inject-ca-from"] == $"{Namespace}/policylang-admission-tls");
    }

    [Fact]
    public void The_audit_deployment_fits_together()
    {
        var (objects, _) = Load("deploy/audit");
        var deployment = Single<V1Deployment>(objects);
        var binding = Single<V1ClusterRoleBinding>(objects);
        var account = Single<V1ServiceAccount>(objects);

        Selects(deployment.Spec.Selector.MatchLabels, deployment.Spec.Template.Metadata.Labels).ShouldBeTrue();
        deployment.Spec.Template.Spec.ServiceAccountName.ShouldBe(account.Metadata.Name);
        binding.RoleRef.Name.ShouldBe(Single<V1ClusterRole>(objects).Metadata.Name);
        binding.Subjects.ShouldHaveSingleItem();
        binding.Subjects[0].Name.ShouldBe(account.Metadata.Name);
        binding.Subjects[0].NamespaceProperty.ShouldBe(Namespace);
        objects.OfType<V1NetworkPolicy>().ShouldAllBe(p => Selects(p.Spec.PodSelector.MatchLabels, deployment.Spec.Template.Metadata.Labels));
    }
}
