// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using PolicyLang.Hosts.Admission.Admission;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Admission.Metrics;
using PolicyLang.Hosts.Admission.Policies;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>Enforcement and scopes from bindings, evaluated in process (no HTTP).</summary>
public sealed class EnforcementTests
{
    private static AdmissionEvaluator Evaluator(string bindingsYaml, out PolicyStore store)
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var bundle = Path.Combine(directory, "policies.bundle");
        var bindings = Path.Combine(directory, "bindings.yaml");
        File.WriteAllBytes(bundle, TestPolicies.Bundle(TestPolicies.Standard));
        File.WriteAllText(bindings, bindingsYaml);
        var metrics = new AdmissionMetrics();
        store = new PolicyStore(new BundleFileSource(bundle, bindings, null), metrics, NullLogger<PolicyStore>.Instance);
        store.Reload().ShouldBeTrue(store.LastError);
        return new AdmissionEvaluator(store, new AdmissionHostOptions(), metrics);
    }

    private static AdmissionDecision Decide(AdmissionEvaluator evaluator, string review) =>
        evaluator.Evaluate(new AdmissionReviewReader().Read(Encoding.UTF8.GetBytes(review), out _, out _) ?? throw new InvalidOperationException("bad review"), mutate: false);

    [Fact]
    public void Per_policy_and_per_rule_enforcement_turn_denials_into_warnings_or_audit_records()
    {
        var evaluator = Evaluator("""
            apiVersion: policylang.io/v1
            kind: Bindings
            bindings:
              - policy: hosttest.pods
                enforcement: warn
              - rule: HT-001
                enforcement: audit
            """, out _);
        var pod = Reviews.Pod("p", "shop", Reviews.Containers(("a", "nginx:latest", new JsonObject { ["privileged"] = true })));

        var decision = Decide(evaluator, Reviews.Review("CREATE", pod));

        decision.Allowed.ShouldBeTrue();
        decision.Warnings.ShouldBe(["[HT-002] container a uses the latest tag (at /spec/containers/0/image)", "[HT-004] pod p has no team label (at /metadata/labels)"], ignoreOrder: true);
        decision.AuditAnnotations["HT-001"].ShouldBe("container a must not run privileged (at /spec/containers/0/securityContext/privileged)");
        decision.Outcome.ShouldBe("warned");
    }

    [Fact]
    public void Binding_scopes_narrow_where_a_policy_applies()
    {
        var evaluator = Evaluator("""
            apiVersion: policylang.io/v1
            kind: Bindings
            bindings:
              - policy: hosttest.pods
                match: {namespaces: ["prod-*"]}
                exclude: {labels: "tier=legacy"}
            """, out _);

        Decide(evaluator, Reviews.Review("CREATE", Reviews.PrivilegedPod(ns: "dev"))).Allowed.ShouldBeTrue();
        Decide(evaluator, Reviews.Review("CREATE", Reviews.PrivilegedPod(ns: "prod-eu"))).Allowed.ShouldBeFalse();
        var legacy = Reviews.PrivilegedPod(ns: "prod-eu");
        legacy["metadata"]!["labels"]!["tier"] = "legacy";
        Decide(evaluator, Reviews.Review("CREATE", legacy)).Allowed.ShouldBeTrue();
    }

    [Fact]
    public void A_reload_with_bindings_that_do_not_fit_is_rejected_and_the_old_set_stays()
    {
        var evaluator = Evaluator("apiVersion: policylang.io/v1\nkind: Bindings\n", out var store);
        var bindings = store.Source.WatchedPaths[1];
        File.WriteAllText(bindings, "apiVersion: policylang.io/v1\nkind: Bindings\nbindings:\n  - policy: hosttest.nothing\n    enforcement: warn\n");

        store.Reload().ShouldBeFalse();

        store.LastError.ShouldNotBeNull().ShouldContain("no loaded policy is named 'hosttest.nothing'");
        store.Current?.Generation.ShouldBe(1);
        Decide(evaluator, Reviews.Review("CREATE", Reviews.PrivilegedPod())).Allowed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("HT-001", "HT-001")]
    [InlineData("kubernetes.pod_security.restricted/allow privilege escalation", "kubernetes.pod_security.restricted-allow-privilege-escalation")]
    [InlineData("kubernetes.pod_security.restricted.containers_must_not_allow_privilege_escalation_anywhere", "kubernetes.pod_security.restricted.containers_must_not-")]
    public void Audit_annotation_keys_are_valid_annotation_names(string id, string prefix)
    {
        var key = AdmissionEvaluator.AnnotationKey(id);

        key.ShouldStartWith(prefix);
        key.Length.ShouldBeLessThanOrEqualTo(63);
        key.ShouldMatch("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$");
    }

    [Fact]
    public void Cross_object_rules_are_not_run_at_admission_where_there_is_no_inventory()
    {
        var (image, manifest) = TestPolicies.CompileText("""
            package crossobject
            @id("CO-1")
            rule service_selects_something on manifest svc match kinds ["Service"] {
              deny "Service {svc.metadata.name} selects no pod" when count(p in inventory("Pod"): true) == 0
            }
            @id("CO-2")
            rule named on manifest svc match kinds ["Service"] {
              warn "Service has no name" when not exists(svc.metadata.name)
            }
            """);
        var directory = TestPaths.NewTemporaryDirectory();
        File.WriteAllBytes(Path.Combine(directory, "p.bundle"), PolicyLang.Bundles.Format.BundleWriter.Write(image, manifest, PolicyLang.Bundles.Bindings.PolicyBindings.None, null, DateTimeOffset.UtcNow));
        var store = new PolicyStore(new BundleFileSource(Path.Combine(directory, "p.bundle"), null, null), new AdmissionMetrics(), NullLogger<PolicyStore>.Instance);
        store.Reload().ShouldBeTrue(store.LastError);
        var evaluator = new AdmissionEvaluator(store, new AdmissionHostOptions(), new AdmissionMetrics());
        var service = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = "s", ["namespace"] = "shop" } };

        var decision = Decide(evaluator, Reviews.Review("CREATE", service));

        store.Current?.CrossObjectRules.ShouldBe(["CO-1"]);
        decision.Allowed.ShouldBeTrue();
        store.Current?.Validation.Rules.Select(r => r.Descriptor.Id).ShouldBe(["CO-2"]);
    }
}
