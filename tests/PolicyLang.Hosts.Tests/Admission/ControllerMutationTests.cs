// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Format;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>Workload mutations on pod controllers patch their pod template, wherever the kind keeps it.</summary>
public sealed class ControllerMutationTests : IAsyncLifetime
{
    private const string Policies = """
        package controllers.mutations
        @id("CM-1")
        rule default_seccomp on workload w {
          for c in w.allContainers
            mutate set c.securityContext.seccompProfile.type = "RuntimeDefault"
              when not exists(c.securityContext.seccompProfile.type)
        }
        """;

    private HostHarness? _host;

    private HostHarness Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var (image, manifest) = TestPolicies.CompileText(Policies);
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), BundleWriter.Write(image, manifest, PolicyBindings.None, null, DateTimeOffset.UtcNow));
        _host = await HostHarness.StartAsync(directory);
        await _host.WaitReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private static JsonObject PodSpec() => new()
    {
        ["initContainers"] = new JsonArray(new JsonObject { ["name"] = "init", ["image"] = "registry.example/init:1" }),
        ["containers"] = new JsonArray(
            new JsonObject { ["name"] = "app", ["image"] = "registry.example/app:1" },
            new JsonObject { ["name"] = "sidecar", ["image"] = "registry.example/side:1", ["securityContext"] = new JsonObject { ["seccompProfile"] = new JsonObject { ["type"] = "Unconfined" } } }),
    };

    public static TheoryData<string, string, string> Controllers => new()
    {
        { "apps/v1", "Deployment", "/spec/template/spec" },
        { "apps/v1", "StatefulSet", "/spec/template/spec" },
        { "batch/v1", "CronJob", "/spec/jobTemplate/spec/template/spec" },
    };

    [Theory]
    [MemberData(nameof(Controllers))]
    public async Task The_patch_lands_in_the_pod_template(string apiVersion, string kind, string specPath)
    {
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = "web", ["namespace"] = "shop" } };
        var template = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } }, ["spec"] = PodSpec() };
        obj["spec"] = kind == "CronJob"
            ? new JsonObject { ["schedule"] = "* * * * *", ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } } }
            : new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } }, ["template"] = template };

        var response = await Host.ReviewAsync("/mutate", Reviews.Review("CREATE", obj));

        var patch = JsonNode.Parse(Convert.FromBase64String(response["patch"]?.GetValue<string>() ?? string.Empty))?.AsArray() ?? [];
        patch.Select(op => op?["path"]?.GetValue<string>()).ShouldAllBe(p => p != null && p.StartsWith(specPath + "/", StringComparison.Ordinal));
        var mutated = JsonPatch.Apply(obj, patch);
        var spec = specPath.Trim('/').Split('/').Aggregate((JsonNode?)mutated, (node, key) => node?[key]);
        spec?["initContainers"]?[0]?["securityContext"]?.ToJsonString().ShouldBe("""{"seccompProfile":{"type":"RuntimeDefault"}}""");
        spec?["containers"]?[0]?["securityContext"]?.ToJsonString().ShouldBe("""{"seccompProfile":{"type":"RuntimeDefault"}}""");
        spec?["containers"]?[1]?["securityContext"]?.ToJsonString().ShouldBe("""{"seccompProfile":{"type":"Unconfined"}}""");
    }
}
