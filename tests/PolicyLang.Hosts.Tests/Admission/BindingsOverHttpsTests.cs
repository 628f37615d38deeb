// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>Enforcement per policy and per rule over HTTPS: bindings carried in the bundle, and the host's own laid over them.</summary>
public sealed class BindingsOverHttpsTests
{
    [Fact]
    public async Task The_bundles_bindings_apply_and_the_hosts_bindings_win()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var carried = BindingsReader.ReadText(
            """
            apiVersion: policylang.io/v1
            kind: Bindings
            bindings:
              - policy: hosttest.pods
                enforcement: warn
              - rule: HT-004
                enforcement: audit
            """,
            "bundle-bindings.yaml");
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), TestPolicies.Bundle(TestPolicies.Standard, carried));
        var overlay = Path.Combine(directory, "host-bindings.yaml");
        await File.WriteAllTextAsync(overlay, "apiVersion: policylang.io/v1\nkind: Bindings\nbindings:\n  - rule: HT-001\n    enforcement: deny\n");
        var pod = Reviews.Pod("p", "shop", Reviews.Containers(("a", "nginx:latest", new JsonObject { ["privileged"] = true })));

        await using (var bundleOnly = await HostHarness.StartAsync(directory))
        {
            await bundleOnly.WaitReadyAsync();
            var response = await bundleOnly.ReviewAsync("/validate", Reviews.Review("CREATE", pod));

            response["allowed"]?.GetValue<bool>().ShouldBeTrue();
            response["warnings"]?.AsArray().Select(w => w?.GetValue<string>()).ShouldBe(
                ["[HT-001] container a must not run privileged (at /spec/containers/0/securityContext/privileged)", "[HT-002] container a uses the latest tag (at /spec/containers/0/image)"],
                ignoreOrder: true);
            response["auditAnnotations"]?["HT-004"]?.GetValue<string>().ShouldBe("pod p has no team label (at /metadata/labels)");
        }

        await using var withOverlay = await HostHarness.StartAsync(directory, o => o with { Bindings = overlay });
        await withOverlay.WaitReadyAsync();
        var overlaid = await withOverlay.ReviewAsync("/validate", Reviews.Review("CREATE", pod));

        overlaid["allowed"]?.GetValue<bool>().ShouldBeFalse();
        overlaid["status"]?["message"]?.GetValue<string>().ShouldBe("denied by PolicyLang: [HT-001] container a must not run privileged (at /spec/containers/0/securityContext/privileged)");
        overlaid["warnings"]?.AsArray().Select(w => w?.GetValue<string>()).ShouldBe(["[HT-002] container a uses the latest tag (at /spec/containers/0/image)"]);
        overlaid["auditAnnotations"]?["HT-004"].ShouldNotBeNull();
    }
}
