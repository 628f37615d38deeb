// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Microsoft.Extensions.Logging;

namespace PolicyLang.Hosts.Admission.Configuration;

/// <summary>Every setting of the admission host (see <see cref="HostSettings"/> for where each can be given).</summary>
public sealed record AdmissionHostOptions
{
    /// <summary>A compiled bundle to serve (or <see cref="PolicyPaths"/>).</summary>
    public string? Bundle { get; init; }

    /// <summary>Policy source files or directories compiled at start-up (or <see cref="Bundle"/>).</summary>
    public IReadOnlyList<string> PolicyPaths { get; init; } = [];

    /// <summary>A bindings file laid over the bundle's own bindings.</summary>
    public string? Bindings { get; init; }

    /// <summary>A public key: when set, only bundles signed with it are loaded.</summary>
    public string? VerifyKey { get; init; }

    /// <summary>The address to listen on (any address by default).</summary>
    public string Address { get; init; } = "0.0.0.0";

    public int Port { get; init; } = 8443;

    public string? TlsCert { get; init; }

    public string? TlsKey { get; init; }

    /// <summary>Serve plain HTTP (tests only).</summary>
    public bool Insecure { get; init; }

    public FailureMode FailureMode { get; init; } = FailureMode.Open;

    /// <summary>The evaluation budget: evaluation is cancelled when it passes (keep it below the webhook timeout).</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Namespaces whose requests are allowed without evaluation (globs).</summary>
    public IReadOnlyList<string> ExcludeNamespaces { get; init; } = ["kube-system"];

    /// <summary>The host's own namespace, also excluded (from the Deployment's downward API).</summary>
    public string? OwnNamespace { get; init; }

    /// <summary>The largest request body accepted (larger: 413).</summary>
    public long MaxBodyBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>How many reviews are evaluated at once; more wait up to the deadline, then get the failure answer.</summary>
    public int MaxConcurrency { get; init; } = 64;

    /// <summary>How often the bundle (or sources) and the certificate are checked for changes, besides file events.</summary>
    public TimeSpan ReloadInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The level of the host's own log.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>The level of the one-line-per-decision log (<c>None</c> turns it off).</summary>
    public LogLevel DecisionLogLevel { get; init; } = LogLevel.Information;

    /// <summary>Every namespace excluded: the configured ones and the host's own.</summary>
    public IReadOnlyList<string> ExcludedNamespaces =>
        OwnNamespace is { Length: > 0 } own && !ExcludeNamespaces.Contains(own, StringComparer.Ordinal) ? [.. ExcludeNamespaces, own] : ExcludeNamespaces;
}
