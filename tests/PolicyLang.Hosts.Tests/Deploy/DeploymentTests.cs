// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;
using PolicyLang.Hosts.Tests.Support;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using Xunit.Abstractions;

namespace PolicyLang.Hosts.Tests.Deploy;

/// <summary>deploy/ renders to real manifests that our own restricted Pod Security policies and best practices pass.</summary>
public sealed class DeploymentTests
{
    private static readonly Lazy<(string Yaml, string Renderer)> Rendered = new(() => Kustomize.Render(Path.Combine(TestPaths.Root, "deploy")));

    private readonly ITestOutputHelper _output;

    public DeploymentTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static List<JsonObject> Objects() =>
        new DocumentReader().ReadText(Rendered.Value.Yaml, "rendered.yaml")
            .Select(d => d.Root).OfType<DocMap>()
            .Select(m => JsonNode.Parse(DocJson.ToJsonNode(m)?.ToJsonString() ?? "{}")?.AsObject() ?? [])
            .ToList();

    private static JsonObject Single(string kind) => Objects().Single(o => o["kind"]?.GetValue<string>() == kind);

    [Fact]
    public void The_rendered_deployment_passes_the_standard_library()
    {
        var path = Path.Combine(TestPaths.NewTemporaryDirectory(), "rendered.yaml");
        File.WriteAllText(path, Rendered.Value.Yaml);
        _output.WriteLine("rendered with " + Rendered.Value.Renderer);

        var (code, output, error) = CliProcess.Run(["eval", "-p", Path.Combine(TestPaths.Root, "policies-stdlib"), "--no-cache", path]);

        _output.WriteLine(output);
        code.ShouldBe(0, output + error);
        output.ShouldContain(" 0 deny, 0 warn");
    }

    [Fact]
    public void The_same_deployment_without_its_hardening_is_denied_by_the_standard_library()
    {
        // The control for the test above: the standard library does judge the rendered Deployment's pod template.
        var weakened = Objects();
        var pod = weakened.Single(o => o["kind"]?.GetValue<string>() == "Deployment")["spec"]?["template"]?["spec"]?.AsObject() ?? [];
        pod.Remove("securityContext");
        var container = pod["containers"]?.AsArray().Single()?.AsObject() ?? [];
        container.Remove("securityContext");
        container.Remove("resources");
        container["image"] = "ghcr.io/policylang/policylang:latest";
        var path = Path.Combine(TestPaths.NewTemporaryDirectory(), "weakened.yaml");
        File.WriteAllText(path, string.Concat(weakened.Select(o => "---\n" + o.ToJsonString() + "\n")));

        var (code, output, error) = CliProcess.Run(["eval", "-p", Path.Combine(TestPaths.Root, "policies-stdlib"), "--no-cache", path]);

        _output.WriteLine(output);
        code.ShouldNotBe(0, output + error);
        var findings = output.Split('\n').Where(l => l.Contains(" deny ", StringComparison.Ordinal)).ToList();
        findings.ShouldAllBe(l => l.Contains("Deployment policylang-system/policylang-admission: ", StringComparison.Ordinal));
        var rules = findings.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]).ToHashSet();

        // Restricted Pod Security (privilege escalation, non-root, seccomp, capabilities) and best practices (tag, resources).
        new[] { "PSS-R-002", "PSS-R-003", "PSS-R-005", "PSS-R-006", "BP-001", "BP-004", "BP-006" }.Except(rules).ShouldBeEmpty(string.Join("\n", findings));
    }

    [Theory]
    [InlineData("deploy")]
    [InlineData("deploy/audit")]
    [InlineData("deploy/audit/crds")]
    public void The_fallback_renderer_gives_the_same_objects_as_kubectl(string directory)
    {
        static IEnumerable<string> Names(string yaml) =>
            new DocumentReader().ReadText(yaml, "r.yaml").Select(d => d.Root).OfType<DocMap>()
                .Select(m => $"{(m["kind"] as DocScalar)?.Text}/{((m["metadata"] as DocMap)?["namespace"] as DocScalar)?.Text}/{((m["metadata"] as DocMap)?["name"] as DocScalar)?.Text}")
                .Where(n => !n.StartsWith("ConfigMap/", StringComparison.Ordinal));

        var path = Path.Combine(TestPaths.Root, directory);
        var fallback = Kustomize.RenderWithoutKubectl(path);

        Names(fallback).ShouldBe(Names(Kustomize.Render(path).Yaml), ignoreOrder: true);
    }

    [Fact]
    public void Every_part_of_the_deployment_is_there()
    {
        Objects().Select(o => $"{o["kind"]}/{o["metadata"]?["name"]}").ShouldBe(
            [
                "Namespace/policylang-system", "ServiceAccount/policylang-admission", "ConfigMap/" + Single("ConfigMap")["metadata"]?["name"],
                "Service/policylang-admission", "Deployment/policylang-admission", "PodDisruptionBudget/policylang-admission",
                "NetworkPolicy/default-deny", "NetworkPolicy/policylang-admission-webhook",
                "Certificate/policylang-admission-tls", "Certificate/policylang-ca", "Issuer/policylang-ca", "Issuer/policylang-selfsigned",
                "MutatingWebhookConfiguration/policylang-admission", "ValidatingWebhookConfiguration/policylang-admission",
            ],
            ignoreOrder: true);
        Objects().Where(o => o["kind"]?.GetValue<string>() is not ("Namespace" or "ValidatingWebhookConfiguration" or "MutatingWebhookConfiguration"))
            .ShouldAllBe(o => o["metadata"]!["namespace"]!.GetValue<string>() == "policylang-system");
    }

    [Fact]
    public void The_deployment_is_replicated_spread_probed_bounded_and_restricted()
    {
        var deployment = Single("Deployment");
        var pod = deployment["spec"]?["template"]?["spec"]?.AsObject() ?? [];
        var container = pod["containers"]?.AsArray().Single()?.AsObject() ?? [];

        deployment["spec"]?["replicas"]?.GetValue<int>().ShouldBe(3);
        pod["affinity"]?["podAntiAffinity"].ShouldNotBeNull();
        pod["automountServiceAccountToken"]?.GetValue<bool>().ShouldBeFalse();
        pod["securityContext"]?["runAsNonRoot"]?.GetValue<bool>().ShouldBeTrue();
        pod["securityContext"]?["seccompProfile"]?["type"]?.GetValue<string>().ShouldBe("RuntimeDefault");
        container["securityContext"]?["allowPrivilegeEscalation"]?.GetValue<bool>().ShouldBeFalse();
        container["securityContext"]?["readOnlyRootFilesystem"]?.GetValue<bool>().ShouldBeTrue();
        container["securityContext"]?["capabilities"]?["drop"]?.AsArray().Select(c => c?.GetValue<string>()).ShouldBe(["ALL"]);
        container["readinessProbe"]?["httpGet"]?["path"]?.GetValue<string>().ShouldBe("/readyz");
        container["livenessProbe"]?["httpGet"]?["path"]?.GetValue<string>().ShouldBe("/healthz");
        container["resources"]?["requests"]?["cpu"].ShouldNotBeNull();
        container["resources"]?["requests"]?["memory"].ShouldNotBeNull();
        container["resources"]?["limits"]?["memory"].ShouldNotBeNull();
        container["args"]?.AsArray().Select(a => a?.GetValue<string>()).Take(2).ShouldBe(["serve", "admission"]);
        pod["volumes"]?.AsArray().Select(v => v?["configMap"]?["name"]?.GetValue<string>()).ShouldContain("policylang-bundle");
        Single("PodDisruptionBudget")["spec"]?["minAvailable"]?.GetValue<int>().ShouldBe(2);
        Single("Namespace")["metadata"]?["labels"]?["pod-security.kubernetes.io/enforce"]?.GetValue<string>().ShouldBe("restricted");
    }

    [Theory]
    [InlineData("ValidatingWebhookConfiguration", "/validate")]
    [InlineData("MutatingWebhookConfiguration", "/mutate")]
    public void The_webhooks_time_out_fail_open_exclude_the_host_and_have_no_side_effects(string kind, string path)
    {
        var configuration = Single(kind);
        var webhook = configuration["webhooks"]?.AsArray().Single()?.AsObject() ?? [];

        webhook["timeoutSeconds"]?.GetValue<int>().ShouldBe(5);
        webhook["failurePolicy"]?.GetValue<string>().ShouldBe("Ignore");
        webhook["sideEffects"]?.GetValue<string>().ShouldBe("None");
        webhook["admissionReviewVersions"]?.AsArray().Select(v => v?.GetValue<string>()).ShouldBe(["v1"]);
        webhook["clientConfig"]?["service"]?["path"]?.GetValue<string>().ShouldBe(path);
        webhook["clientConfig"]?["service"]?["namespace"]?.GetValue<string>().ShouldBe("policylang-system");
        var excluded = webhook["namespaceSelector"]?["matchExpressions"]?.AsArray().Single();
        excluded?["key"]?.GetValue<string>().ShouldBe("kubernetes.io/metadata.name");
        excluded?["operator"]?.GetValue<string>().ShouldBe("NotIn");
        excluded?["values"]?.AsArray().Select(v => v?.GetValue<string>()).ShouldContain("policylang-system");
        configuration["metadata"]?["annotations"]?["cert-manager.io/inject-ca-from"]?.GetValue<string>().ShouldBe("policylang-system/policylang-admission-tls");
    }

    [Fact]
    public void The_host_settings_in_the_config_map_are_valid()
    {
        var config = Single("ConfigMap")["data"]?["config.yaml"]?.GetValue<string>() ?? string.Empty;
        var file = Path.Combine(TestPaths.NewTemporaryDirectory(), "config.yaml");
        File.WriteAllText(file, config);
        var errors = new List<string>();

        var options = PolicyLang.Hosts.Admission.Configuration.HostSettings.Resolve(
            new Dictionary<string, IReadOnlyList<string>> { ["config"] = [file] },
            new Dictionary<string, string> { ["POLICYLANG_NAMESPACE"] = "policylang-system" },
            errors);

        errors.ShouldBeEmpty();
        options.Deadline.ShouldBeLessThan(TimeSpan.FromSeconds(5));
        options.ExcludedNamespaces.ShouldContain("policylang-system");
        options.Port.ShouldBe(8443);
    }
}
