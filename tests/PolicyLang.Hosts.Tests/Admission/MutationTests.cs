// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json.Nodes;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>POST /mutate: a base64 JSONPatch that, applied to the object, gives the expected result.</summary>
public sealed class MutationTests : IClassFixture<StandardHostFixture>
{
    private readonly HostHarness _host;

    public MutationTests(StandardHostFixture fixture)
    {
        _host = fixture.Host;
    }

    [Fact]
    public async Task The_patch_sets_a_default_seccomp_profile_adds_a_label_and_removes_an_annotation()
    {
        var review = await File.ReadAllTextAsync(TestPaths.TestData("reviews", "pod-create.json"));
        var original = JsonNode.Parse(review)?["request"]?["object"] ?? throw new InvalidOperationException("no object");

        var response = await _host.ReviewAsync("/mutate", review);

        response["allowed"]?.GetValue<bool>().ShouldBeTrue();
        response["patchType"]?.GetValue<string>().ShouldBe("JSONPatch");
        var patch = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(response["patch"]?.GetValue<string>() ?? string.Empty)))?.AsArray();
        patch.ShouldNotBeNull();
        var mutated = JsonPatch.Apply(original, patch);

        var containers = mutated["spec"]?["containers"]?.AsArray() ?? [];
        containers[0]?["securityContext"]?.ToJsonString().ShouldBe("""{"seccompProfile":{"type":"RuntimeDefault"}}""");
        containers[1]?["securityContext"]?.ToJsonString().ShouldBe("""{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}""");
        containers[2]?["securityContext"]?.ToJsonString().ShouldBe("""{"seccompProfile":{"type":"Localhost","localhostProfile":"p.json"}}""");
        mutated["metadata"]?["labels"]?.ToJsonString().ShouldBe("""{"policylang.io/admitted":"true"}""");
        mutated["metadata"]?["annotations"]?.ToJsonString().ShouldBe("{}");
        mutated["spec"]?["containers"]?[0]?["image"]?.GetValue<string>().ShouldBe("registry.example/shop/web:1.4.2");
    }

    [Fact]
    public async Task Parents_created_by_two_rules_are_added_once_and_existing_labels_are_kept()
    {
        var pod = Reviews.Pod("web", "shop", Reviews.Containers(("app", "registry.example/web:1.0", null)), new JsonObject { ["team"] = "shop" });

        var response = await _host.ReviewAsync("/mutate", Reviews.Review("CREATE", pod));

        var patch = JsonNode.Parse(Convert.FromBase64String(response["patch"]?.GetValue<string>() ?? string.Empty))?.AsArray() ?? [];
        var mutated = JsonPatch.Apply(pod, patch);
        mutated["metadata"]?["labels"]?.ToJsonString().ShouldBe("""{"team":"shop","policylang.io/admitted":"true"}""");
        patch.Count(op => op?["path"]?.GetValue<string>() == "/metadata/labels").ShouldBe(0);
    }

    [Fact]
    public async Task Nothing_to_change_means_no_patch()
    {
        var spec = Reviews.Containers(("app", "registry.example/web:1.0", new JsonObject { ["seccompProfile"] = new JsonObject { ["type"] = "RuntimeDefault" } }));
        var pod = Reviews.Pod("web", "shop", spec, new JsonObject { ["team"] = "shop" });

        // UPDATE: the label rule applies to CREATE only.
        var response = await _host.ReviewAsync("/mutate", Reviews.Review("UPDATE", pod, pod));

        response["allowed"]?.GetValue<bool>().ShouldBeTrue();
        response.ContainsKey("patch").ShouldBeFalse();
        response.ContainsKey("patchType").ShouldBeFalse();
    }

    [Fact]
    public async Task An_update_gets_the_rules_for_every_operation_but_not_the_create_only_label()
    {
        var old = Reviews.Pod("web", "shop", Reviews.Containers(("app", "registry.example/web:1.0", null)), new JsonObject { ["team"] = "shop" });
        var changed = Reviews.Pod("web", "shop", Reviews.Containers(("app", "registry.example/web:1.1", null)), new JsonObject { ["team"] = "shop" }, new JsonObject { ["debug"] = "on", ["keep"] = "me" });

        var response = await _host.ReviewAsync("/mutate", Reviews.Review("UPDATE", changed, old));

        response["allowed"]?.GetValue<bool>().ShouldBeTrue();
        response["patchType"]?.GetValue<string>().ShouldBe("JSONPatch");
        var mutated = JsonPatch.Apply(changed, Patch(response));
        mutated["spec"]?["containers"]?[0]?["securityContext"]?.ToJsonString().ShouldBe("""{"seccompProfile":{"type":"RuntimeDefault"}}""");
        mutated["spec"]?["containers"]?[0]?["image"]?.GetValue<string>().ShouldBe("registry.example/web:1.1");
        mutated["metadata"]?["annotations"]?.ToJsonString().ShouldBe("""{"keep":"me"}""");
        mutated["metadata"]?["labels"]?.ToJsonString().ShouldBe("""{"team":"shop"}""");
    }

    [Fact]
    public async Task A_dry_run_gets_the_same_patch_as_a_real_request()
    {
        var pod = Reviews.Pod("web", "shop", Reviews.Containers(("app", "registry.example/web:1.0", null)), new JsonObject { ["team"] = "shop" });

        var dry = await _host.ReviewAsync("/mutate", Reviews.Review("CREATE", pod, dryRun: true));
        var real = await _host.ReviewAsync("/mutate", Reviews.Review("CREATE", pod, dryRun: false));

        // The API server runs mutating webhooks on dry runs too and discards the result; sideEffects None allows it.
        dry["allowed"]?.GetValue<bool>().ShouldBeTrue();
        dry["patch"].ShouldNotBeNull();
        Patch(dry).ToJsonString().ShouldBe(Patch(real).ToJsonString());
        var mutated = JsonPatch.Apply(pod, Patch(dry));
        mutated["metadata"]?["labels"]?.ToJsonString().ShouldBe("""{"team":"shop","policylang.io/admitted":"true"}""");
        mutated["spec"]?["containers"]?[0]?["securityContext"]?["seccompProfile"]?["type"]?.GetValue<string>().ShouldBe("RuntimeDefault");
    }

    [Fact]
    public async Task A_delete_has_no_object_to_patch()
    {
        var pod = Reviews.Pod("web", "shop", Reviews.Containers(("app", "registry.example/web:1.0", null)), annotations: new JsonObject { ["debug"] = "on" });

        var response = await _host.ReviewAsync("/mutate", Reviews.Review("DELETE", null, pod));

        response["allowed"]?.GetValue<bool>().ShouldBeTrue();
        response.ContainsKey("patch").ShouldBeFalse();
        response.ContainsKey("patchType").ShouldBeFalse();
    }

    [Fact]
    public async Task The_mutating_webhook_does_not_validate()
    {
        var response = await _host.ReviewAsync("/mutate", Reviews.Review("CREATE", Reviews.PrivilegedPod()));

        response["allowed"]?.GetValue<bool>().ShouldBeTrue();
        response.ContainsKey("warnings").ShouldBeFalse();
        response["patchType"]?.GetValue<string>().ShouldBe("JSONPatch");
    }

    [Fact]
    public async Task Excluded_namespaces_are_not_mutated()
    {
        var response = await _host.ReviewAsync("/mutate", Reviews.Review("CREATE", Reviews.GoodPod(ns: "kube-system")));

        response.ContainsKey("patch").ShouldBeFalse();
    }

    private static JsonArray Patch(JsonObject response) =>
        JsonNode.Parse(Convert.FromBase64String(response["patch"]?.GetValue<string>() ?? string.Empty))?.AsArray() ?? throw new InvalidOperationException("the patch is not a JSON array");
}
