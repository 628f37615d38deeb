// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Commands;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>Serving policy sources (-p): compiled at start-up and again when a file changes; a broken edit is rejected.</summary>
public sealed class SourceReloadTests
{
    private const string Version1 = """
        package sources.live
        @id("SRC-1")
        rule no_latest on workload w {
          for c in w.allContainers
            deny "v1: container {c.name} uses latest" at c.image when endsWith(c.image, ":latest")
        }
        """;

    [Fact]
    public async Task Sources_are_compiled_at_start_up_and_recompiled_when_they_change_under_traffic_without_failing_a_request()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var policies = Path.Combine(directory, "policies");
        Directory.CreateDirectory(policies);
        var file = Path.Combine(policies, "live.policy");
        await File.WriteAllTextAsync(file, Version1);
        await using var host = await HostHarness.StartAsync(directory, o => o with { Bundle = null, PolicyPaths = [policies] }, new SourcePolicySource([policies], null));
        await host.WaitReadyAsync();
        var review = Reviews.Review("CREATE", Reviews.Pod("web", "shop", Reviews.Containers(("app", "nginx:latest", null))));
        static string Version(System.Text.Json.Nodes.JsonObject response) =>
            response["status"]?["message"]?.GetValue<string>() is { } message && message.Contains(": container app uses latest", StringComparison.Ordinal)
                ? message[(message.IndexOf("] ", StringComparison.Ordinal) + 2)..message.IndexOf(':', message.IndexOf("] ", StringComparison.Ordinal))]
                : "unexpected: " + response.ToJsonString();

        (await host.ReviewAsync("/validate", review))["status"]?["message"]?.GetValue<string>().ShouldContain("v1: container app uses latest");
        var load = ReviewLoad.Start(host, "/validate", () => review, Version);
        await load.SeeMoreAsync(20);

        // A broken edit is rejected, logged and counted; version 1 keeps answering.
        await File.WriteAllTextAsync(file, "package sources.live\nrule broken on workload w { deny \"x\" when w.nope }\n");
        (await Eventually.WaitAsync(async () => (await host.MetricsAsync()).Contains("policylang_bundle_reload_failures_total 1\n", StringComparison.Ordinal)))
            .ShouldBeTrue(await host.MetricsAsync());
        await load.SeeMoreAsync(20);
        (await host.ReviewAsync("/validate", review))["status"]?["message"]?.GetValue<string>().ShouldContain("v1: container app uses latest");
        load.Answers.Keys.ShouldBe(["v1"]);

        // A good edit is compiled off the request path and swapped in.
        await File.WriteAllTextAsync(file, Version1.Replace("v1:", "v2:", StringComparison.Ordinal));
        (await Eventually.WaitAsync(async () => (await host.MetricsAsync()).Contains("policylang_policy_generation 2\n", StringComparison.Ordinal)))
            .ShouldBeTrue(await host.MetricsAsync());
        await load.SeeMoreAsync(20);
        await load.StopAsync();

        load.Failures.ShouldBeEmpty();
        load.Answers.Keys.ShouldBe(["v1", "v2"], ignoreOrder: true);
        (await host.ReviewAsync("/validate", review))["status"]?["message"]?.GetValue<string>().ShouldContain("v2: container app uses latest");
        var metrics = await host.MetricsAsync();
        metrics.ShouldContain("policylang_bundle_reloads_total 1\n");
        metrics.ShouldContain("policylang_bundle_reload_failures_total 1\n");
        host.Logs.Entries.ShouldContain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("the policies do not compile", StringComparison.Ordinal));
    }
}
