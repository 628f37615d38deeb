// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Microsoft.Extensions.Logging;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>The decision log's configurable level: lines at that level, or none at all.</summary>
public sealed class DecisionLogTests
{
    private static async Task<IReadOnlyList<LogEntry>> DecisionsAsync(LogLevel decisionLevel)
    {
        var directory = TestPaths.NewTemporaryDirectory();
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), TestPolicies.Bundle(TestPolicies.Standard));
        await using var host = await HostHarness.StartAsync(directory, o => o with { DecisionLogLevel = decisionLevel, LogLevel = LogLevel.Information });
        await host.WaitReadyAsync();
        await host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.PrivilegedPod(), uid: "level-uid"));
        await host.ReviewAsync("/mutate", Reviews.Review("CREATE", Reviews.GoodPod(), uid: "level-uid-2"));
        return host.Logs.Entries.Where(e => e.Category == "PolicyLang.Decisions").ToList();
    }

    [Fact]
    public async Task Decisions_are_logged_at_the_configured_level_even_below_the_hosts_own_level()
    {
        var entries = await DecisionsAsync(LogLevel.Debug);

        entries.Count.ShouldBe(2);
        entries.ShouldAllBe(e => e.Level == LogLevel.Debug);
        entries.Select(e => e.Fields["Endpoint"]).ShouldBe(["validate", "mutate"]);
        entries[1].Fields["Decision"].ShouldBe("mutated");
    }

    [Fact]
    public async Task Level_none_turns_the_decision_log_off()
    {
        (await DecisionsAsync(LogLevel.None)).ShouldBeEmpty();
    }
}
