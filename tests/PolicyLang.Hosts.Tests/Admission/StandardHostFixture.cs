// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>One HTTPS host on loopback serving the standard test policies, shared by a test class.</summary>
public sealed class StandardHostFixture : IAsyncLifetime
{
    private HostHarness? _host;

    internal HostHarness Host => _host ?? throw new InvalidOperationException("the host is not started");

    public async Task InitializeAsync()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), TestPolicies.Bundle(TestPolicies.Standard));
        _host = await HostHarness.StartAsync(directory, o => o with { ExcludeNamespaces = ["kube-system", "legacy-*"], MaxBodyBytes = 256 * 1024 });
        await _host.WaitReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
