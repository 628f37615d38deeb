// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Format;
using PolicyLang.Hosts.Admission.Audit;
using PolicyLang.Hosts.Admission.Policies;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Audit;

/// <summary>The watching audit against a loopback API server: changes reach the reports, expired watches relist, policies reload.</summary>
public sealed class AuditWatchTests : IAsyncLifetime
{
    private const string CrossObject = """
        package cluster.crossobject
        @id("CO-1")
        rule service_selects_a_pod on manifest svc match kinds ["Service"] {
          deny "Service {svc.metadata.name} selects no pod"
            when count(p in inventory("Pod"): p.metadata.namespace == svc.metadata.namespace and p.metadata.labels["app"] == svc.spec.selector["app"]) == 0
        }
        """;

    private FakeKubernetesApi? _api;
    private string _directory = string.Empty;

    private FakeKubernetesApi Api => _api ?? throw new InvalidOperationException("not started");

    private string BundlePath => Path.Combine(_directory, "policies.bundle");

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _directory = TestPaths.NewTemporaryDirectory();
        await File.WriteAllBytesAsync(BundlePath, TestPolicies.Bundle(TestPolicies.Standard));
        ClusterObjects.Seed(Api);
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }

    private AuditRunner Runner(RecordingLogger logs, AuditOptions? options = null)
    {
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Api.WriteKubeconfig(_directory)));
        return new AuditRunner(new ClusterLister(client), new BundleFileSource(BundlePath, null, null), new ClusterReportWriter(client), options ?? new AuditOptions { Interval = TimeSpan.FromMilliseconds(100), WatchTimeout = TimeSpan.FromSeconds(30) }, logs.CreateLogger("audit"));
    }

    private static async Task EventuallyAsync(Func<bool> condition, Func<string> explain)
    {
        (await Eventually.WaitAsync(condition)).ShouldBeTrue(explain());
    }

    private int Patches(string report) => Api.Requests.Count(r => r.StartsWith("PATCH " + report, StringComparison.Ordinal));

    [Fact]
    public async Task Changes_reach_the_reports_expired_watches_list_again_and_unchanged_reports_are_not_rewritten()
    {
        var logs = new RecordingLogger();
        var runner = Runner(logs);
        using var stop = new CancellationTokenSource();
        var watching = runner.WatchAsync(stop.Token);
        const string Shop = "/apis/wgpolicyk8s.io/v1alpha2/namespaces/shop/policyreports/policylang";
        const string Prod = "/apis/wgpolicyk8s.io/v1alpha2/namespaces/prod/policyreports/policylang";
        string Shown() => string.Join("\n", Api.Reports.TryGetValue("shop/policylang", out var r) ? ClusterObjects.Results(r) : []) + "\n" + string.Join("\n", logs.Entries.Select(e => e.Message)) + string.Join("\n", Api.Requests.Where(r => r.StartsWith("WATCH-ERROR", StringComparison.Ordinal)).Take(2));
        await EventuallyAsync(() => Api.Reports.ContainsKey("shop/policylang") && Api.WatchesOpen == AuditResource.Defaults.Count, Shown);

        // A new privileged pod appears in the report; a deleted one leaves it.
        Api.Put(ClusterObjects.Pods, Reviews.PrivilegedPod("intruder", "shop"));
        await EventuallyAsync(() => ClusterObjects.Results(Api.Reports["shop/policylang"]).Contains("fail HT-001 Pod/intruder /spec/containers/0/securityContext/privileged"), Shown);
        Api.Delete(ClusterObjects.Pods, "shop", "root");
        await EventuallyAsync(() => !ClusterObjects.Results(Api.Reports["shop/policylang"]).Any(r => r.Contains("Pod/root", StringComparison.Ordinal)), Shown);

        // The history is compacted and the watches end: they get 410 Gone, list again, and keep following changes.
        Api.Compact();
        Api.EndWatches();
        await EventuallyAsync(() => runner.Metrics.WatchRestarts("expired") >= 1, Shown);
        // Deployments were last listed before the compaction, so their watch is the one that expired.
        await EventuallyAsync(() => Api.Requests.Count(r => r.StartsWith("GET /apis/apps/v1/deployments?limit=", StringComparison.Ordinal)) >= 2, Shown);
        Api.Put(ClusterObjects.Deployments, ClusterObjects.Deployment("late", "shop", privileged: true));
        await EventuallyAsync(() => ClusterObjects.Results(Api.Reports["shop/policylang"]).Contains("fail HT-001 Deployment/late /spec/template/spec/containers/0/securityContext/privileged"), Shown);

        // The fake API holds the report before the runner's write returns; the run's metrics follow that return.
        await EventuallyAsync(() => PrometheusText.Parse(runner.Metrics.Write()).GetValueOrDefault("policylang_audit_results{result=\"fail\"}") == 4, runner.Metrics.Write);
        await stop.CancelAsync();
        await watching;

        // Ended watches were renewed (then found expired), not mistaken for failures.
        runner.Metrics.WatchRestarts("ended").ShouldBeGreaterThanOrEqualTo(AuditResource.Defaults.Count, runner.Metrics.Write() + string.Join("\n", logs.Entries.Select(e => e.Message)));
        runner.Metrics.WatchRestarts("error").ShouldBe(0, string.Join("\n", logs.Entries.Select(e => e.Message)));
        Patches(Shop).ShouldBe(4);
        Patches(Prod).ShouldBe(1);
        ClusterObjects.Summary(Api.Reports["shop/policylang"]).ShouldBe("pass=14 fail=3 warn=2 error=0 skip=0");
        PrometheusText.Parse(runner.Metrics.Write())["policylang_audit_results{result=\"fail\"}"].ShouldBe(4);
    }

    [Fact]
    public async Task A_new_bundle_is_audited_with_at_once_and_a_bad_one_is_rejected_while_the_old_keeps_auditing()
    {
        var logs = new RecordingLogger();
        var runner = Runner(logs);
        using var stop = new CancellationTokenSource();
        var watching = runner.WatchAsync(stop.Token);
        await EventuallyAsync(() => Api.Reports.ContainsKey("prod/policylang"), () => string.Join("\n", logs.Entries.Select(e => e.Message)));

        var (image, manifest) = TestPolicies.CompileText(CrossObject);
        await File.WriteAllBytesAsync(BundlePath + ".new", BundleWriter.Write(image, manifest, PolicyBindings.None, null, DateTimeOffset.UtcNow));
        File.Move(BundlePath + ".new", BundlePath, overwrite: true);
        Api.Put("api/v1/services", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = "orphan", ["namespace"] = "prod" },
            ["spec"] = new JsonObject { ["selector"] = new JsonObject { ["app"] = "nothing" } },
        });
        await EventuallyAsync(() => ClusterObjects.Results(Api.Reports["prod/policylang"]).SequenceEqual(["fail CO-1 Service/orphan "]), () => string.Join("\n", ClusterObjects.Results(Api.Reports["prod/policylang"])));

        await File.WriteAllBytesAsync(BundlePath, [1, 2, 3]);
        await EventuallyAsync(() => PrometheusText.Parse(runner.Metrics.Write())["policylang_audit_policy_reload_failures_total"] == 1, runner.Metrics.Write);
        Api.Put(ClusterObjects.Pods, Reviews.Pod("api", "prod", Reviews.Containers(("app", "registry.example/api:2.0", null)), new JsonObject { ["app"] = "nothing" }));
        await EventuallyAsync(() => ClusterObjects.Results(Api.Reports["prod/policylang"]).Count == 0, () => string.Join("\n", ClusterObjects.Results(Api.Reports["prod/policylang"])));

        await stop.CancelAsync();
        await watching;
        logs.Entries.ShouldContain(e => e.Message.Contains("new policies from bundle", StringComparison.Ordinal) && e.Message.Contains("not a PolicyLang bundle", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_watching_command_serves_health_readiness_and_metrics()
    {
        var port = FreePort();
        var info = CliProcess.StartInfo(["audit", "--watch", "--interval", "200ms", "--metrics-address", "127.0.0.1", "--metrics-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--kubeconfig", Api.WriteKubeconfig(_directory), "--bundle", BundlePath]);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lines.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            var ready = false;
            var clock = Stopwatch.StartNew();
            while (!ready && clock.Elapsed < Eventually.Bound && !process.HasExited)
            {
                try
                {
                    ready = (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(100);
            }

            ready.ShouldBeTrue(string.Join("\n", lines));
            (await client.GetStringAsync(new Uri("/healthz", UriKind.Relative))).ShouldBe("ok\n");
            Api.Reports.Keys.ShouldBe(["shop/policylang", "prod/policylang", "cluster/policylang"], ignoreOrder: true);
            Api.Put(ClusterObjects.Deployments, ClusterObjects.Deployment("api", "prod", privileged: false));
            await EventuallyAsync(() => ClusterObjects.Results(Api.Reports["prod/policylang"]).Count == 0, () => string.Join("\n", lines));
            // The run's metrics are recorded once its last report write has returned.
            var metrics = PrometheusText.Parse(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)));
            (await Eventually.WaitAsync(async () => (metrics = PrometheusText.Parse(await client.GetStringAsync(new Uri("/metrics", UriKind.Relative)))).GetValueOrDefault("policylang_audit_results{result=\"fail\"}") == 2))
                .ShouldBeTrue(string.Join("\n", lines));
            metrics["policylang_audit_runs_total"].ShouldBeGreaterThanOrEqualTo(2);
            metrics["policylang_audit_objects"].ShouldBe(8);
            metrics["policylang_audit_results{result=\"fail\"}"].ShouldBe(2);
            lines.ShouldContain(l => l.StartsWith('{') && l.Contains("\"Category\":\"PolicyLang.Audit\"", StringComparison.Ordinal) && l.Contains("audited 8 objects", StringComparison.Ordinal));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
