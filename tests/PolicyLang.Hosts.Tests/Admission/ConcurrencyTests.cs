// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Admission.Http;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>Bounded concurrency over HTTPS: with every evaluation slot busy, a review is answered by the failure mode within its deadline.</summary>
public sealed class ConcurrencyTests
{
    private static async Task<HostHarness> StartAsync(FailureMode mode, TimeSpan deadline)
    {
        var directory = TestPaths.NewTemporaryDirectory();
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), TestPolicies.Bundle(TestPolicies.Standard));
        var host = await HostHarness.StartAsync(directory, o => o with { MaxConcurrency = 2, Deadline = deadline, FailureMode = mode });
        await host.WaitReadyAsync();
        return host;
    }

    [Theory]
    [InlineData(FailureMode.Open)]
    [InlineData(FailureMode.Closed)]
    public async Task With_every_slot_busy_a_review_waits_its_deadline_then_gets_the_failure_answer(FailureMode mode)
    {
        await using var host = await StartAsync(mode, TimeSpan.FromMilliseconds(300));
        var limiter = host.Services.GetRequiredService<ConcurrencyLimiter>();
        var review = Reviews.Review("CREATE", Reviews.PrivilegedPod());

        // Two long evaluations hold both slots (as slow rules would).
        (await limiter.EnterAsync(CancellationToken.None)).ShouldBeTrue();
        (await limiter.EnterAsync(CancellationToken.None)).ShouldBeTrue();
        var clock = Stopwatch.StartNew();
        var overloaded = await host.ReviewAsync("/validate", review);
        var waited = clock.Elapsed;
        limiter.Exit();
        var served = await host.ReviewAsync("/validate", review);
        limiter.Exit();

        waited.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(250));
        var reason = "PolicyLang could not decide (all 2 evaluation slots stayed busy until the deadline)";
        if (mode == FailureMode.Open)
        {
            overloaded["allowed"]?.GetValue<bool>().ShouldBeTrue();
            overloaded["warnings"]?.AsArray().Single()?.GetValue<string>().ShouldBe(reason + "; allowed because the webhook fails open");
        }
        else
        {
            overloaded["allowed"]?.GetValue<bool>().ShouldBeFalse();
            overloaded["status"]?["code"]?.GetValue<int>().ShouldBe(500);
            overloaded["status"]?["message"]?.GetValue<string>().ShouldBe(reason + "; the webhook fails closed");
        }

        served["status"]?["message"]?.GetValue<string>().ShouldContain("[HT-001]");
        var name = mode == FailureMode.Open ? "open" : "closed";
        (await host.MetricsAsync()).ShouldContain($"policylang_admission_failures_total{{reason=\"overloaded\",mode=\"{name}\"}} 1\n");
        limiter.Available.ShouldBe(2);
    }

    [Fact]
    public async Task Many_concurrent_reviews_are_all_answered_and_no_slot_leaks()
    {
        // 64 reviews through 2 slots: a deadline of seconds, so a loaded machine's queueing is not an overload.
        await using var host = await StartAsync(FailureMode.Closed, TimeSpan.FromSeconds(20));
        var limiter = host.Services.GetRequiredService<ConcurrencyLimiter>();

        var answers = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            host.ReviewAsync("/validate", Reviews.Review("CREATE", i % 2 == 0 ? Reviews.GoodPod() : Reviews.PrivilegedPod()))));

        answers.Count(a => a["allowed"]?.GetValue<bool>() == true).ShouldBe(32);
        answers.Where(a => a["allowed"]?.GetValue<bool>() == false).ShouldAllBe(a => a["status"]!["code"]!.GetValue<int>() == 403);
        limiter.Available.ShouldBe(2);
    }
}
