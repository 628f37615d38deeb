// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;
using PolicyLang.Hosts.Admission.Audit;
using PolicyLang.Hosts.Tests.Support;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Findings;
using Xunit.Abstractions;

namespace PolicyLang.Hosts.Tests.Deploy;

/// <summary>deploy/audit and deploy/audit/crds render; the audit passes the standard library, its role is least privilege, and its reports fit the CRDs.</summary>
public sealed class AuditDeploymentTests
{
    private static readonly Lazy<(string Yaml, string Renderer)> Audit = new(() => Kustomize.Render(Path.Combine(TestPaths.Root, "deploy", "audit")));

    private static readonly Lazy<(string Yaml, string Renderer)> Crds = new(() => Kustomize.Render(Path.Combine(TestPaths.Root, "deploy", "audit", "crds")));

    private readonly ITestOutputHelper _output;

    public AuditDeploymentTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static List<JsonObject> Objects(string yaml) =>
        new DocumentReader().ReadText(yaml, "rendered.yaml")
            .Select(d => d.Root).OfType<DocMap>()
            .Select(m => JsonNode.Parse(DocJson.ToJsonNode(m)?.ToJsonString() ?? "{}")?.AsObject() ?? [])
            .ToList();

    private static JsonObject Single(string yaml, string kind) => Objects(yaml).Single(o => o["kind"]?.GetValue<string>() == kind);

    [Fact]
    public void The_rendered_audit_passes_the_standard_library()
    {
        var path = Path.Combine(TestPaths.NewTemporaryDirectory(), "audit.yaml");
        File.WriteAllText(path, Audit.Value.Yaml);
        _output.WriteLine("rendered with " + Audit.Value.Renderer);

        var (code, output, error) = CliProcess.Run(["eval", "-p", Path.Combine(TestPaths.Root, "policies-stdlib"), "--no-cache", path]);

        _output.WriteLine(output);
        code.ShouldBe(0, output + error);
        output.ShouldContain("5 subjects evaluated: 0 deny, 0 warn");
    }

    [Fact]
    public void The_audit_role_grants_list_and_watch_on_what_it_audits_and_writing_its_reports_nothing_more()
    {
        var role = Single(Audit.Value.Yaml, "ClusterRole");
        var grants = (role["rules"]?.AsArray() ?? [])
            .SelectMany(r => (r?["apiGroups"]?.AsArray() ?? []).SelectMany(g => (r?["resources"]?.AsArray() ?? []).Select(res =>
                $"{g?.GetValue<string>()}/{res?.GetValue<string>()}: {string.Join(",", (r?["verbs"]?.AsArray() ?? []).Select(v => v?.GetValue<string>()))}")))
            .Order(StringComparer.Ordinal)
            .ToList();

        var expected = AuditResource.Defaults.Select(r => $"{r.Group}/{r.Plural}: list,watch")
            .Concat(["wgpolicyk8s.io/policyreports: create,patch", "wgpolicyk8s.io/clusterpolicyreports: create,patch"])
            .Order(StringComparer.Ordinal);
        grants.ShouldBe(expected);
        var binding = Single(Audit.Value.Yaml, "ClusterRoleBinding");
        binding["roleRef"]?["name"]?.GetValue<string>().ShouldBe("policylang-audit");
        binding["subjects"]?.ToJsonString().ShouldBe("""[{"kind":"ServiceAccount","name":"policylang-audit","namespace":"policylang-system"}]""");
        var deployment = Single(Audit.Value.Yaml, "Deployment");
        var pod = deployment["spec"]?["template"]?["spec"]?.AsObject() ?? [];
        pod["serviceAccountName"]?.GetValue<string>().ShouldBe("policylang-audit");
        deployment["metadata"]?["namespace"]?.GetValue<string>().ShouldBe("policylang-system");
        var args = pod["containers"]?[0]?["args"]?.AsArray().Select(a => a?.GetValue<string>()).ToList() ?? [];
        args.Take(2).ShouldBe(["audit", "--watch"]);
        args.ShouldContain("--bundle=/etc/policylang/bundle/policies.bundle");
        args.ShouldContain("--metrics-port=8080");
        pod["containers"]?[0]?["readinessProbe"]?["httpGet"]?["path"]?.GetValue<string>().ShouldBe("/readyz");
        pod["volumes"]?.AsArray().Select(v => v?["configMap"]?["name"]?.GetValue<string>()).ShouldContain("policylang-bundle");
    }

    [Fact]
    public void The_reports_the_audit_writes_fit_the_crds()
    {
        var crds = Objects(Crds.Value.Yaml);
        crds.Select(c => c["metadata"]?["name"]?.GetValue<string>()).ShouldBe(["policyreports.wgpolicyk8s.io", "clusterpolicyreports.wgpolicyk8s.io"], ignoreOrder: true);
        var audit = new NamespaceAudit { Pass = 3 };
        foreach (var (result, severity) in new[] { ("fail", Severity.Critical), ("warn", Severity.Info), ("error", (Severity?)null), ("skip", Severity.Low) })
        {
            audit.Entries.Add(new AuditEntry
            {
                Object = new AuditedObject("apps/v1", "Deployment", "shop", "web", "u-1"),
                Result = result,
                Policy = "p",
                Rule = "R-1",
                Message = "m",
                Severity = severity,
                Properties = new Dictionary<string, string> { ["path"] = "/spec", ["action"] = "deny" },
            });
        }

        foreach (var (ns, kind) in new[] { ("shop", "PolicyReport"), (string.Empty, "ClusterPolicyReport") })
        {
            var report = PolicyReportBuilder.Build(ns, audit, new AuditOptions(), DateTimeOffset.UtcNow);
            var crd = crds.Single(c => c["spec"]?["names"]?["kind"]?.GetValue<string>() == kind);
            crd["spec"]?["group"]?.GetValue<string>().ShouldBe(PolicyReportBuilder.Group);
            crd["spec"]?["scope"]?.GetValue<string>().ShouldBe(ns.Length == 0 ? "Cluster" : "Namespaced");
            var version = crd["spec"]?["versions"]?.AsArray().Single(v => v?["name"]?.GetValue<string>() == PolicyReportBuilder.Version);
            var problems = new List<string>();
            OpenApiSubset.Validate(report, version?["schema"]?["openAPIV3Schema"]?.AsObject() ?? [], "", problems);
            problems.ShouldBeEmpty();
        }

        // The check catches what the API server would refuse.
        var bad = PolicyReportBuilder.Build("shop", audit, new AuditOptions(), DateTimeOffset.UtcNow);
        bad["results"]![0]!["result"] = "maybe";
        bad["results"]![0]!["extra"] = 1;
        var found = new List<string>();
        OpenApiSubset.Validate(bad, crds[0]["spec"]?["versions"]?[0]?["schema"]?["openAPIV3Schema"]?.AsObject() ?? [], "", found);
        found.ShouldBe(["/results/0/extra: not in the schema", "/results/0/result: 'maybe' is not one of pass, fail, warn, error, skip"], ignoreOrder: true);
    }
}
