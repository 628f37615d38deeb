// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Bundles.Format;

/// <summary>What a bundle holds: <c>manifest.json</c>. Signed as a whole, so everything a host trusts is in here.</summary>
public sealed record BundleManifest
{
    /// <summary>The bundle format (<see cref="BundleFormat.Version"/>).</summary>
    public required int FormatVersion { get; init; }

    /// <summary>The compiler that emitted the assembly (product version and build).</summary>
    public required string CompilerVersion { get; init; }

    /// <summary>The PolicyLang runtime version the assembly was emitted against.</summary>
    public required string RuntimeVersion { get; init; }

    /// <summary>When the bundle was built (UTC, ISO 8601).</summary>
    public DateTimeOffset Created { get; init; }

    public required BundleAssembly Assembly { get; init; }

    /// <summary>The policies, their rules (metadata, scope, actions), parameters and source hashes.</summary>
    public IReadOnlyList<PolicyDescriptor> Policies { get; init; } = [];

    /// <summary>Parameter values, enforcement and scopes applied when the bundle is loaded.</summary>
    public PolicyBindings Bindings { get; init; } = PolicyBindings.None;

    /// <summary>The number of rules over all policies.</summary>
    public int RuleCount => Policies.Sum(p => p.Rules.Count);

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, BundleJson.Indented);

    public static BundleManifest FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<BundleManifest>(json, BundleJson.Options) ?? throw new BundleException("the bundle manifest is empty");
}

/// <summary>The policy assembly inside a bundle.</summary>
public sealed record BundleAssembly(string Entry, string Sha256, long Size);
