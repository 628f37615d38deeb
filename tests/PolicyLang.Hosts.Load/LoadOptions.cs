// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Hosts.Load;

/// <summary>What to send: to a loopback webhook URL, <see cref="Rate"/> reviews per second for <see cref="Duration"/>.</summary>
public sealed record LoadOptions
{
    public required Uri Target { get; init; }

    public int Rate { get; init; } = 1000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Reviews sent before the measurement, to open connections and warm up the server.</summary>
    public int WarmUp { get; init; } = 2000;

    /// <summary>The server's process id, to report its CPU time (0: not reported).</summary>
    public int ServerPid { get; init; }

    /// <summary>Trusts any server certificate (loopback test servers use self-signed ones).</summary>
    public bool TrustAnyCertificate { get; init; } = true;

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
