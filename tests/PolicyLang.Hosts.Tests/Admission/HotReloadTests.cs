// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Bundles.Signing;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>Hot reload under concurrent requests: atomic swaps, zero failed requests, bad bundles rejected.</summary>
public sealed class HotReloadTests
{
    private const string Strict = """
        package reload.strict
        @id("RL-001")
        rule no_latest on workload w {
          for c in w.allContainers
            deny "container {c.name} uses latest" at c.image when endsWith(c.image, ":latest")
        }
        """;

    private const string Lenient = """
        package reload.lenient
        @id("RL-002")
        rule latest_warns on workload w {
          for c in w.allContainers
            warn "container {c.name} uses latest" at c.image when endsWith(c.image, ":latest")
        }
        """;

    private static byte[] Bundle(string text, SigningKey? key = null)
    {
        var (image, manifest) = TestPolicies.CompileText(text);
        return PolicyLang.Bundles.Format.BundleWriter.Write(image, manifest, PolicyLang.Bundles.Bindings.PolicyBindings.None, key, DateTimeOffset.UtcNow);
    }

    private static async Task Replace(string path, byte[] content)
    {
        // As a ConfigMap update or `policylang build` does: write beside, then rename over.
        await File.WriteAllBytesAsync(path + ".new", content);
        File.Move(path + ".new", path, overwrite: true);
    }

    private static string LatestPod() => Reviews.Review("CREATE", Reviews.Pod("web", "shop", Reviews.Containers(("app", "nginx:latest", null))));

    [Fact]
    public async Task Swaps_under_concurrent_requests_fail_no_request_and_bad_bundles_leave_the_old_one_serving()
    {
        using var key = SigningKey.Generate();
        var directory = TestPaths.NewTemporaryDirectory();
        var bundlePath = Path.Combine(directory, "policies.bundle");
        var keyPath = Path.Combine(directory, "trusted.pub");
        await File.WriteAllTextAsync(keyPath, key.ExportPublicKeyPem());
        await File.WriteAllBytesAsync(bundlePath, Bundle(Strict, key));
        var strict = Bundle(Strict, key);
        var lenient = Bundle(Lenient, key);
        await using var host = await HostHarness.StartAsync(directory, o => o with { VerifyKey = keyPath, ReloadInterval = TimeSpan.FromMilliseconds(100) });
        await host.WaitReadyAsync();

        var load = ReviewLoad.Start(host, "/validate", LatestPod, r => r["allowed"]?.GetValue<bool>() == true ? "allowed" : "denied");
        await load.SeeMoreAsync(20);

        async Task WaitForAsync(Func<string, bool> condition)
        {
            var until = DateTime.UtcNow + Eventually.Bound;
            while (DateTime.UtcNow < until && !condition(await host.MetricsAsync()))
            {
                await Task.Delay(50);
            }

            condition(await host.MetricsAsync()).ShouldBeTrue(await host.MetricsAsync());
        }

        for (var swap = 1; swap <= 6; swap++)
        {
            await Replace(bundlePath, swap % 2 == 1 ? lenient : strict);
            await WaitForAsync(m => m.Contains($"policylang_policy_generation {swap + 1}\n", StringComparison.Ordinal));

            // Each set answers some of the traffic before the next swap.
            await load.SeeMoreAsync(10);
        }

        // Generation 7 serves the strict set. Now a bundle signed by another key, then garbage: both rejected.
        using var other = SigningKey.Generate();
        await Replace(bundlePath, Bundle(Lenient, other));
        await WaitForAsync(m => m.Contains("policylang_bundle_reload_failures_total 1\n", StringComparison.Ordinal));
        await load.SeeMoreAsync(10);
        await Replace(bundlePath, [1, 2, 3]);
        await WaitForAsync(m => m.Contains("policylang_bundle_reload_failures_total 2\n", StringComparison.Ordinal));
        await load.SeeMoreAsync(10);
        await load.StopAsync();

        load.Failures.ShouldBeEmpty();
        load.Requests.ShouldBeGreaterThan(50);
        load.Answers.Keys.ShouldBe(["allowed", "denied"], ignoreOrder: true);
        var metrics = await host.MetricsAsync();
        metrics.ShouldContain("policylang_policy_generation 7\n");
        metrics.ShouldContain("policylang_bundle_reloads_total 6\n");
        var after = await host.ReviewAsync("/validate", LatestPod());
        after["allowed"]?.GetValue<bool>().ShouldBeFalse();
        after["status"]?["message"]?.GetValue<string>().ShouldContain("[RL-001]");
        host.Logs.Entries.ShouldContain(e => e.Level == Microsoft.Extensions.Logging.LogLevel.Error && e.Message.Contains("not by the trusted key", StringComparison.Ordinal));
        (await host.Client.GetStringAsync(new Uri("/readyz", UriKind.Relative))).ShouldStartWith("ready: generation 7");
    }

    [Fact]
    public async Task The_serving_certificate_is_reloaded_when_its_files_change_without_failing_a_request()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), Bundle(Strict));
        await using var host = await HostHarness.StartAsync(directory, o => o with { ReloadInterval = TimeSpan.FromMilliseconds(100) });
        await host.WaitReadyAsync();
        var address = new Uri(host.BaseAddress);
        var first = await PresentedByANewConnectionAsync(address);
        first.ShouldBe(host.Trusted.Single());

        // Traffic over real HTTPS the whole time; the client opens new connections every 100 ms and trusts both certificates.
        var rotated = TestCertificates.Create("rotated");
        host.Trusted.Add(rotated.Thumbprint);
        var load = ReviewLoad.Start(host, "/validate", LatestPod, r => r["allowed"]?.GetValue<bool>() == true ? "allowed" : "denied");
        await load.SeeMoreAsync(20);

        // A rotation that lands the certificate before its key: the mismatched pair is refused and the old one serves.
        await Replace(host.CertPath, System.Text.Encoding.ASCII.GetBytes(rotated.CertificatePem));
        (await Eventually.WaitAsync(() => host.Logs.Entries.Any(e => e.Message.Contains("changed but cannot be used yet", StringComparison.Ordinal))))
            .ShouldBeTrue(string.Join("\n", host.Logs.Entries.Select(e => e.Message)));
        await load.SeeMoreAsync(20);
        (await PresentedByANewConnectionAsync(address)).ShouldBe(first);

        // The key arrives: new connections get the new certificate.
        await Replace(host.KeyPath, System.Text.Encoding.ASCII.GetBytes(rotated.KeyPem));
        (await Eventually.WaitAsync(async () => await PresentedByANewConnectionAsync(address) == rotated.Thumbprint)).ShouldBeTrue();

        // The traffic's own connections move over as the client replaces them.
        (await Eventually.WaitAsync(() => host.PresentedThumbprint == rotated.Thumbprint)).ShouldBeTrue();
        await load.SeeMoreAsync(20);
        await load.StopAsync();

        load.Failures.ShouldBeEmpty();
        load.Answers.Keys.ShouldBe(["denied"]);
        host.Logs.Entries.ShouldContain(e => e.Message.StartsWith("TLS certificate loaded: CN=rotated", StringComparison.Ordinal));
    }

    /// <summary>The thumbprint of the certificate the host presents to a connection opened now.</summary>
    private static async Task<string?> PresentedByANewConnectionAsync(Uri address)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);

        // Only looks at the certificate: nothing is sent over this connection.
        await using var tls = new System.Net.Security.SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
        await tls.AuthenticateAsClientAsync(new System.Net.Security.SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            RemoteCertificateValidationCallback = (_, _, _, _) => true,
        });
        return tls.RemoteCertificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
    }
}
