// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Audit;

/// <summary>`policylang audit` against a Kubernetes API server on loopback: list page by page, judge, write PolicyReports.</summary>
public sealed class AuditCommandTests : IAsyncLifetime
{
    private FakeKubernetesApi? _api;
    private string _directory = string.Empty;

    private FakeKubernetesApi Api => _api ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _directory = TestPaths.NewTemporaryDirectory();
        await File.WriteAllBytesAsync(Path.Combine(_directory, "policies.bundle"), TestPolicies.Bundle(TestPolicies.Standard));
        ClusterObjects.Seed(Api);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    private (int Code, string Output, string Error) Audit(params string[] extra) =>
        CliProcess.Run(["audit", "--kubeconfig", Api.WriteKubeconfig(_directory), "--bundle", Path.Combine(_directory, "policies.bundle"), .. extra]);

    [Fact]
    public void One_audit_lists_every_resource_page_by_page_and_writes_a_report_per_namespace_and_one_for_the_cluster()
    {
        var (code, output, error) = Audit();

        code.ShouldBe(0, output + error);
        error.ShouldContain("policylang audit: audited 8 objects with 4 rules: 3 fail, 2 warn, 0 error, 0 skip, 14 pass; reports: 3 written, 0 unchanged, 0 failed");
        Api.Reports.Keys.ShouldBe(["shop/policylang", "prod/policylang", "cluster/policylang"], ignoreOrder: true);

        var shop = Api.Reports["shop/policylang"];
        shop["apiVersion"]?.GetValue<string>().ShouldBe("wgpolicyk8s.io/v1alpha2");
        shop["kind"]?.GetValue<string>().ShouldBe("PolicyReport");
        shop["metadata"]?["namespace"]?.GetValue<string>().ShouldBe("shop");
        ClusterObjects.Summary(shop).ShouldBe("pass=12 fail=2 warn=2 error=0 skip=0");
        ClusterObjects.Results(shop).ShouldBe(
        [
            "fail HT-001 Pod/root /spec/containers/0/securityContext/privileged",
            "fail HT-004 Pod/latest /metadata/labels",
            "warn HT-002 Pod/latest /spec/containers/0/image",
            "warn HT-003 Pod/net /spec/hostNetwork",
        ]);
        var root = shop["results"]?.AsArray().Single(r => r?["rule"]?.GetValue<string>() == "HT-001")?.AsObject() ?? [];
        root["policy"]?.GetValue<string>().ShouldBe("hosttest.pods");
        root["source"]?.GetValue<string>().ShouldBe("policylang");
        root["severity"]?.GetValue<string>().ShouldBe("high");
        root["message"]?.GetValue<string>().ShouldBe("container app must not run privileged");
        root["scored"]?.GetValue<bool>().ShouldBeTrue();
        root["timestamp"]?["seconds"]?.GetValue<long>().ShouldBeGreaterThan(1_700_000_000);
        root["resources"]?[0]?.ToJsonString().ShouldBe("""{"apiVersion":"v1","kind":"Pod","name":"root","namespace":"shop","uid":"uid-shop-root"}""");
        root["properties"]?["enforcement"]?.GetValue<string>().ShouldBe("deny");
        shop["results"]?.AsArray().Single(r => r?["rule"]?.GetValue<string>() == "HT-003")?["properties"]?["action"]?.GetValue<string>().ShouldBe("audit");

        var prod = Api.Reports["prod/policylang"];
        ClusterObjects.Summary(prod).ShouldBe("pass=2 fail=1 warn=0 error=0 skip=0");
        ClusterObjects.Results(prod).ShouldBe(["fail HT-001 Deployment/api /spec/template/spec/containers/0/securityContext/privileged"]);
        var cluster = Api.Reports["cluster/policylang"];
        cluster["kind"]?.GetValue<string>().ShouldBe("ClusterPolicyReport");
        cluster["metadata"]?.AsObject().ContainsKey("namespace").ShouldBeFalse();
        ClusterObjects.Summary(cluster).ShouldBe("pass=0 fail=0 warn=0 error=0 skip=0");

        // Paged (two objects a page here), through the kubeconfig's credentials, written by server-side apply.
        Api.Requests.ShouldContain("GET /api/v1/pods?limit=500");
        Api.Requests.ShouldContain("GET /api/v1/pods?continue=offset%3A2&limit=500");
        Api.Requests.ShouldContain(r => r.StartsWith("PATCH /apis/wgpolicyk8s.io/v1alpha2/namespaces/shop/policyreports/policylang?", StringComparison.Ordinal));
        Api.Authorizations.ShouldAllBe(a => a == "Bearer test-token");
    }

    [Fact]
    public void A_dry_run_prints_the_reports_and_writes_nothing()
    {
        var (code, output, error) = Audit("--dry-run", "--exclude-namespace", "prod");

        code.ShouldBe(0, error);
        Api.Reports.ShouldBeEmpty();
        Api.Requests.ShouldNotContain(r => r.StartsWith("PATCH", StringComparison.Ordinal));
        var list = JsonNode.Parse(output)?.AsObject() ?? [];
        list["kind"]?.GetValue<string>().ShouldBe("List");
        list["items"]?.AsArray().Select(i => $"{i?["kind"]} {i?["metadata"]?["namespace"]}").ShouldBe(["ClusterPolicyReport ", "PolicyReport shop"]);
    }

    [Fact]
    public void A_forbidden_list_stops_the_audit_with_the_api_servers_reason()
    {
        Api.Forbidden.Add("apis/apps/v1/deployments");

        var (code, _, error) = Audit();

        code.ShouldBe(2);
        error.ShouldContain("policylang audit: listing apis/apps/v1/deployments: the API server answered 403 Forbidden: deployments is forbidden: User \"system:serviceaccount:policylang-system:policylang-audit\" cannot list resource \"deployments\" at the cluster scope");
        Api.Reports.ShouldBeEmpty();
    }

    [Fact]
    public void Without_the_policy_report_crds_the_audit_says_how_to_install_them()
    {
        Api.ReportsInstalled = false;

        var (code, _, error) = Audit();

        code.ShouldBe(2);
        error.ShouldContain("writing PolicyReport shop/policylang: the cluster does not serve wgpolicyk8s.io/v1alpha2 reports; install the PolicyReport CRDs (kubectl apply -k deploy/audit/crds)");
    }

    [Fact]
    public void Bad_settings_and_an_unreachable_cluster_are_clear_errors()
    {
        var missing = CliProcess.Run(["audit", "--kubeconfig", Path.Combine(_directory, "nope"), "--bundle", "b.bundle"]);
        var neither = CliProcess.Run(["audit"]);
        var kubeconfig = Api.WriteKubeconfig(_directory).Replace("kubeconfig", "unreachable", StringComparison.Ordinal);
        File.WriteAllText(kubeconfig, File.ReadAllText(Api.WriteKubeconfig(_directory)).Replace(Api.Url, "http://127.0.0.1:1", StringComparison.Ordinal));
        var unreachable = CliProcess.Run(["audit", "--kubeconfig", kubeconfig, "--bundle", Path.Combine(_directory, "policies.bundle")]);

        missing.Code.ShouldBe(2);
        missing.Error.ShouldContain("policylang audit: no usable Kubernetes configuration: ");
        neither.Error.ShouldContain("policylang audit: give either a bundle (--bundle FILE) or policy sources (-p DIR), not both and not neither");
        unreachable.Code.ShouldBe(2);
        unreachable.Error.ShouldContain("policylang audit: listing api/v1/namespaces: cannot reach the API server: ");
    }
}
