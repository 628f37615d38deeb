// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Bundles.Loading;

namespace PolicyLang.Hosts.Admission.Policies;

/// <summary>Where the host's policies come from: a bundle file, or source directories compiled by the CLI.</summary>
public interface IPolicySource
{
    /// <summary>What is served, for logs (<c>bundle /policies/policies.bundle</c>).</summary>
    string Description { get; }

    /// <summary>Files and directories whose changes may change the policies (watched for reloads).</summary>
    IReadOnlyList<string> WatchedPaths { get; }

    /// <summary>A cheap digest of the inputs: the policies are rebuilt only when it changes.</summary>
    /// <exception cref="IOException">An input cannot be read right now.</exception>
    string Fingerprint();

    /// <summary>Builds the policy set (off the request path).</summary>
    /// <exception cref="Bundles.BundleException">The inputs do not make a usable policy set; the message says why.</exception>
    LoadedPolicies Load();
}
