// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>POST /validate over HTTPS on loopback: every field of the response, for each operation.</summary>
public sealed class ValidationTests : IClassFixture<StandardHostFixture>
{
    private readonly HostHarness _host;

    public ValidationTests(StandardHostFixture fixture)
    {
        _host = fixture.Host;
    }

    [Fact]
    public async Task A_compliant_pod_is_allowed_with_nothing_else()
    {
        var response = await _host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.GoodPod()));

        response["allowed"]?.GetValue<bool>().ShouldBeTrue();
        response.ContainsKey("status").ShouldBeFalse();
        response.ContainsKey("warnings").ShouldBeFalse();
        response.ContainsKey("auditAnnotations").ShouldBeFalse();
        response.ContainsKey("patch").ShouldBeFalse();
    }

    [Fact]
    public async Task A_denied_pod_gets_a_status_listing_each_violated_rule_with_id_message_and_path()
    {
        var pod = Reviews.Pod("root", "shop", Reviews.Containers(
            ("a", "registry.example/web:1.0", new JsonObject { ["privileged"] = true }),
            ("b", "registry.example/web:1.0", new JsonObject { ["privileged"] = true })));

        var response = await _host.ReviewAsync("/validate", Reviews.Review("CREATE", pod));

        response["allowed"]?.GetValue<bool>().ShouldBeFalse();
        var status = response["status"]?.AsObject();
        status.ShouldNotBeNull();
        status["code"]?.GetValue<int>().ShouldBe(403);
        status["reason"]?.GetValue<string>().ShouldBe("Forbidden");
        var message = status["message"]?.GetValue<string>() ?? string.Empty;
        message.ShouldContain("[HT-001] container a must not run privileged (at /spec/containers/0/securityContext/privileged)");
        message.ShouldContain("[HT-001] container b must not run privileged (at /spec/containers/1/securityContext/privileged)");
        message.ShouldContain("[HT-004] pod root has no team label (at /metadata/labels)");
    }

    [Fact]
    public async Task Warn_rules_become_warnings_and_the_pod_is_allowed()
    {
        var pod = Reviews.Pod("web", "shop", Reviews.Containers(("app", "nginx:latest", null)), new JsonObject { ["team"] = "shop" });

        var response = await _host.ReviewAsync("/validate", Reviews.Review("CREATE", pod));

        response["allowed"]?.GetValue<bool>().ShouldBeTrue();
        response["warnings"]?.AsArray().Select(w => w?.GetValue<string>()).ShouldBe(["[HT-002] container app uses the latest tag (at /spec/containers/0/image)"]);
    }

    [Fact]
    public async Task Audit_rules_become_audit_annotations()
    {
        var spec = Reviews.Containers(("app", "registry.example/web:1.0", null));
        spec["hostNetwork"] = true;
        var pod = Reviews.Pod("net", "shop", spec, new JsonObject { ["team"] = "shop" });

        var response = await _host.ReviewAsync("/validate", Reviews.Review("CREATE", pod));

        response["allowed"]?.GetValue<bool>().ShouldBeTrue();
        var annotations = response["auditAnnotations"]?.AsObject();
        annotations.ShouldNotBeNull();
        annotations["HT-003"]?.GetValue<string>().ShouldBe("pod net uses the host network (at /spec/hostNetwork)");
    }

    [Fact]
    public async Task Update_rules_see_the_old_object()
    {
        var old = Reviews.GoodPod();
        var changed = Reviews.GoodPod();
        changed["metadata"]!["labels"]!["team"] = "payments";

        var denied = await _host.ReviewAsync("/validate", Reviews.Review("UPDATE", changed, old));
        var allowed = await _host.ReviewAsync("/validate", Reviews.Review("UPDATE", Reviews.GoodPod(), old));

        denied["allowed"]?.GetValue<bool>().ShouldBeFalse();
        denied["status"]?["message"]?.GetValue<string>().ShouldContain("[HT-011] the team label of web cannot change from shop");
        allowed["allowed"]?.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Delete_requests_carry_only_the_old_object()
    {
        var protectedNamespace = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = "payments", ["labels"] = new JsonObject { ["protected"] = "true" } },
        };
        var plain = protectedNamespace.DeepClone().AsObject();
        plain["metadata"]!["labels"] = new JsonObject();

        var denied = await _host.ReviewAsync("/validate", Reviews.Review("DELETE", null, protectedNamespace));
        var allowed = await _host.ReviewAsync("/validate", Reviews.Review("DELETE", null, plain));

        // A privileged pod being deleted is not judged as if it were created: DELETE has no object.
        var deletedPod = await _host.ReviewAsync("/validate", Reviews.Review("DELETE", null, Reviews.PrivilegedPod()));

        denied["allowed"]?.GetValue<bool>().ShouldBeFalse();
        denied["status"]?["message"]?.GetValue<string>().ShouldBe("denied by PolicyLang: [HT-010] namespace payments is protected (at /request/name)");
        allowed["allowed"]?.GetValue<bool>().ShouldBeTrue();
        deletedPod["allowed"]?.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Dry_runs_are_judged_like_real_requests_and_policies_see_the_flag()
    {
        var dry = await _host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.PrivilegedPod(), dryRun: true, uid: "dry-uid"));
        var real = await _host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.PrivilegedPod(), dryRun: false));

        dry["allowed"]?.GetValue<bool>().ShouldBeFalse();
        real["allowed"]?.GetValue<bool>().ShouldBeFalse();
        dry["auditAnnotations"]?["HT-012"]?.GetValue<string>().ShouldBe("dry run by alice");
        real["auditAnnotations"].ShouldBeNull();
        _host.Logs.Entries.ShouldContain(e => e.Category == "PolicyLang.Decisions" && Equals(e.Fields.GetValueOrDefault("Uid"), "dry-uid") && Equals(e.Fields["DryRun"], true));
    }

    [Theory]
    [InlineData("kube-system")]
    [InlineData("policylang-system")]
    [InlineData("legacy-billing")]
    public async Task Excluded_namespaces_are_allowed_without_evaluation(string ns)
    {
        var response = await _host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.PrivilegedPod(ns: ns)));

        response["allowed"]?.GetValue<bool>().ShouldBeTrue();
        response.ContainsKey("warnings").ShouldBeFalse();
    }

    [Fact]
    public async Task Each_decision_is_one_structured_log_line()
    {
        var review = Reviews.Review("CREATE", Reviews.PrivilegedPod(name: "logged"), uid: "log-uid-1", user: "bob");

        await _host.ReviewAsync("/validate", review);

        var entry = _host.Logs.Entries.Single(e => e.Category == "PolicyLang.Decisions" && Equals(e.Fields.GetValueOrDefault("Uid"), "log-uid-1"));
        entry.Fields["Kind"].ShouldBe("Pod");
        entry.Fields["ObjectNamespace"].ShouldBe("shop");
        entry.Fields["ObjectName"].ShouldBe("logged");
        entry.Fields["User"].ShouldBe("bob");
        entry.Fields["Decision"].ShouldBe("denied");
        entry.Fields["Rules"].ShouldBe("HT-001");
        entry.Fields["Operation"].ShouldBe("CREATE");
    }
}
