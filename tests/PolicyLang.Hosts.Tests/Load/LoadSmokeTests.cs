// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Hosts.Load;
using PolicyLang.Hosts.Tests.Support;
using Xunit.Abstractions;

namespace PolicyLang.Hosts.Tests.Load;

/// <summary>
/// A short, bounded run of the load generator (400 reviews in 2 s) against an HTTPS host serving the restricted Pod
/// Security set and the best practices: every answer is right and none fails. Latency is measured by the full run
/// (docs/performance.md), never asserted here.
/// </summary>
public sealed class LoadSmokeTests
{
    private readonly ITestOutputHelper _output;

    public LoadSmokeTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public async Task A_short_open_loop_run_gets_the_right_answer_to_every_review()
    {
        var stdlib = Path.Combine(TestPaths.Root, "policies-stdlib", "kubernetes");
        var directory = TestPaths.NewTemporaryDirectory();
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), TestPolicies.Bundle([Path.Combine(stdlib, "pod-security"), Path.Combine(stdlib, "best-practices")]));
        await using var host = await HostHarness.StartAsync(directory);
        await host.WaitReadyAsync();

        var report = await LoadGenerator.RunAsync(new LoadOptions
        {
            Target = new Uri(host.Client.BaseAddress ?? throw new InvalidOperationException("no address"), "/validate"),
            Rate = 200,
            Duration = TimeSpan.FromSeconds(2),
            WarmUp = 100,
        });

        _output.WriteLine(report.Format());
        report.Requests.ShouldBe(400);
        report.Errors.ShouldBe(0);
        report.WrongDecisions.ShouldBe(0);
        report.Denied.ShouldBe(100);
        report.ExpectedDenied.ShouldBe(100);
        (await host.MetricsAsync()).ShouldContain("policylang_admission_requests_total{endpoint=\"validate\",operation=\"CREATE\",decision=\"denied\",kind=\"Pod\"} 125\n");
    }
}
