// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Net;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Format;
using PolicyLang.Bundles.Signing;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>A host with a verification key refuses unsigned, wrongly signed and incompatible bundles: not ready, and /readyz says why.</summary>
public sealed class BundleRefusalTests
{
    public static TheoryData<string> Cases => ["unsigned", "other key", "incompatible compiler", "trusted"];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_host_serves_only_a_compatible_bundle_signed_with_its_key(string @case)
    {
        using var trusted = SigningKey.Generate();
        using var other = SigningKey.Generate();
        var directory = TestPaths.NewTemporaryDirectory();
        var keyPath = Path.Combine(directory, "trusted.pub");
        await File.WriteAllTextAsync(keyPath, trusted.ExportPublicKeyPem());
        var (image, manifest) = TestPolicies.Compile(TestPolicies.Standard);
        var bundle = @case switch
        {
            "unsigned" => BundleWriter.Write(image, manifest, PolicyBindings.None, null, DateTimeOffset.UtcNow),
            "other key" => BundleWriter.Write(image, manifest, PolicyBindings.None, other, DateTimeOffset.UtcNow),
            "incompatible compiler" => BundleWriter.Write(image, manifest with { CompilerVersion = "7.0.0+future" }, PolicyBindings.None, trusted, DateTimeOffset.UtcNow),
            _ => BundleWriter.Write(image, manifest, PolicyBindings.None, trusted, DateTimeOffset.UtcNow),
        };
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), bundle);

        await using var host = await HostHarness.StartAsync(directory, o => o with { VerifyKey = keyPath });
        HttpResponseMessage ready;
        var until = DateTime.UtcNow + Eventually.Bound;
        do
        {
            ready = await host.Client.GetAsync(new Uri("/readyz", UriKind.Relative));
            var text = await ready.Content.ReadAsStringAsync();
            if (ready.StatusCode == HttpStatusCode.OK || !text.Contains("loading", StringComparison.Ordinal))
            {
                break;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < until);

        var reason = await ready.Content.ReadAsStringAsync();
        var expected = @case switch
        {
            "unsigned" => $"the bundle is not signed, and this host requires bundles signed with key {trusted.KeyId}",
            "other key" => $"the bundle is signed by key {other.KeyId}, not by the trusted key {trusted.KeyId}",
            "incompatible compiler" => $"the bundle was built by compiler 7.0.0, which is incompatible with this runtime {BundleFormat.RuntimeVersion}",
            _ => "ready: generation 1",
        };
        reason.ShouldContain(expected);
        ready.StatusCode.ShouldBe(@case == "trusted" ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
        (await host.MetricsAsync()).ShouldContain($"policylang_bundle_reload_failures_total {(@case == "trusted" ? 0 : 1)}\n");
    }
}
