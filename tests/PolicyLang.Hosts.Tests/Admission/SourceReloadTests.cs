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
    public async Task Sources_are_compiled_at_start_up_and_recompiled_when_they_change()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var policies = Path.Combine(directory, "policies");
        Directory.CreateDirectory(policies);
        var file = Path.Combine(policies, "live.policy");
        await File.WriteAllTextAsync(file, Version1);
        await using var host = await HostHarness.StartAsync(directory, o => o with { Bundle = null, PolicyPaths = [policies] }, new SourcePolicySource([policies], null));
        await host.WaitReadyAsync();
        var review = Reviews.Review("CREATE", Reviews.Pod("web", "shop", Reviews.Containers(("app", "nginx:latest", null))));

        (await host.ReviewAsync("/validate", review))["status"]?["message"]?.GetValue<string>().ShouldContain("v1: container app uses latest");

        await File.WriteAllTextAsync(file, "package sources.live\nrule broken on workload w { deny \"x\" when w.nope }\n");
        var until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !(await host.MetricsAsync()).Contains("policylang_bundle_reload_failures_total 1\n", StringComparison.Ordinal))
        {
            await Task.Delay(100);
        }

        (await host.MetricsAsync()).ShouldContain("policylang_bundle_reload_failures_total 1\n");
        (await host.ReviewAsync("/validate", review))["status"]?["message"]?.GetValue<string>().ShouldContain("v1: container app uses latest");

        await File.WriteAllTextAsync(file, Version1.Replace("v1:", "v2:", StringComparison.Ordinal));
        until = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < until && !(await host.MetricsAsync()).Contains("policylang_policy_generation 2\n", StringComparison.Ordinal))
        {
            await Task.Delay(100);
        }

        (await host.ReviewAsync("/validate", review))["status"]?["message"]?.GetValue<string>().ShouldContain("v2: container app uses latest");
        host.Logs.Entries.ShouldContain(e => e.Message.Contains("the policies do not compile", StringComparison.Ordinal));
    }
}
