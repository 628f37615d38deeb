// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>Deadlines and both failure modes, with a policy that is slow on purpose (in the namespace "slow").</summary>
public sealed class FailureModeTests
{
    private static async Task<HostHarness> StartAsync(FailureMode mode)
    {
        var directory = TestPaths.NewTemporaryDirectory();
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), TestPolicies.Bundle([TestPolicies.Standard, TestPolicies.Slow]));
        // The slow rule runs for minutes; a deadline of seconds keeps ordinary reviews clear of it on a loaded machine.
        var host = await HostHarness.StartAsync(directory, o => o with { FailureMode = mode, Deadline = TimeSpan.FromSeconds(2) });
        await host.WaitReadyAsync();
        return host;
    }

    [Fact]
    public async Task Fail_open_allows_with_a_warning_when_the_deadline_passes_and_counts_it()
    {
        await using var host = await StartAsync(FailureMode.Open);

        var response = await host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.GoodPod(ns: "slow")));

        response["allowed"]?.GetValue<bool>().ShouldBeTrue();
        response["warnings"]?.AsArray().Single()?.GetValue<string>().ShouldBe("PolicyLang could not decide (the evaluation passed its deadline of 2000 ms); allowed because the webhook fails open");
        (await host.MetricsAsync()).ShouldContain("policylang_admission_failures_total{reason=\"timeout\",mode=\"open\"} 1");
        (await host.MetricsAsync()).ShouldContain("policylang_admission_requests_total{endpoint=\"validate\",operation=\"CREATE\",decision=\"failed_open\",kind=\"Pod\"} 1");
    }

    [Fact]
    public async Task Fail_closed_denies_with_a_clear_message_when_the_deadline_passes()
    {
        await using var host = await StartAsync(FailureMode.Closed);

        var response = await host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.GoodPod(ns: "slow")));

        response["allowed"]?.GetValue<bool>().ShouldBeFalse();
        response["status"]?["code"]?.GetValue<int>().ShouldBe(500);
        response["status"]?["message"]?.GetValue<string>().ShouldBe("PolicyLang could not decide (the evaluation passed its deadline of 2000 ms); the webhook fails closed");
        (await host.MetricsAsync()).ShouldContain("policylang_admission_failures_total{reason=\"timeout\",mode=\"closed\"} 1");

        // Other namespaces are not slowed down: the slow rule does not apply there.
        var elsewhere = await host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.GoodPod()));
        elsewhere["allowed"]?.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task A_rule_that_cannot_read_its_subject_is_counted_and_answered_by_the_failure_mode()
    {
        await using var open = await StartAsync(FailureMode.Open);
        await using var closed = await StartAsync(FailureMode.Closed);
        var broken = Reviews.Pod("broken", "shop", new JsonObject { ["containers"] = "not a list" }, new JsonObject { ["team"] = "shop" });

        var allowed = await open.ReviewAsync("/validate", Reviews.Review("CREATE", broken));
        var denied = await closed.ReviewAsync("/validate", Reviews.Review("CREATE", broken));

        allowed["allowed"]?.GetValue<bool>().ShouldBeTrue();
        allowed["warnings"]?.AsArray().Single()?.GetValue<string>().ShouldStartWith("could not be evaluated (allowed: the webhook fails open): ");
        denied["allowed"]?.GetValue<bool>().ShouldBeFalse();
        denied["status"]?["message"]?.GetValue<string>().ShouldStartWith("denied by PolicyLang: could not be evaluated: ");
        (await closed.MetricsAsync()).ShouldContain("policylang_admission_failures_total{reason=\"rule_error\",mode=\"closed\"} 1");
    }

    [Fact]
    public async Task Before_the_policies_load_the_host_is_not_ready_and_answers_by_the_failure_mode()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        await File.WriteAllTextAsync(Path.Combine(directory, "policies.bundle"), "not a bundle");
        await using var host = await HostHarness.StartAsync(directory, o => o with { FailureMode = FailureMode.Closed });

        // The load runs in the background: wait until it has failed.
        HttpResponseMessage ready;
        var until = DateTime.UtcNow + Eventually.Bound;
        while ((await (ready = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative))).Content.ReadAsStringAsync()).Contains("loading", StringComparison.Ordinal) && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        var response = await host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.GoodPod()));

        ready.StatusCode.ShouldBe(System.Net.HttpStatusCode.ServiceUnavailable);
        (await ready.Content.ReadAsStringAsync()).ShouldContain("not a PolicyLang bundle");
        response["allowed"]?.GetValue<bool>().ShouldBeFalse();
        response["status"]?["message"]?.GetValue<string>().ShouldBe("PolicyLang could not decide (the policies are not loaded yet); the webhook fails closed");
    }
}
