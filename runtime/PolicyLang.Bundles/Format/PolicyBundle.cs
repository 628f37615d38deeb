// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Bundles.Format;

/// <summary>A bundle read and checked: its manifest, the policy assembly image and its signature, if any.</summary>
public sealed record PolicyBundle
{
    public required BundleManifest Manifest { get; init; }

    /// <summary>The exact bytes of <c>manifest.json</c> (what the signature covers).</summary>
    public required byte[] ManifestBytes { get; init; }

    public required byte[] Image { get; init; }

    public BundleSignature? Signature { get; init; }

    /// <summary>True when a verification key was given and the signature verified with it.</summary>
    public bool SignatureVerified { get; init; }

    /// <summary>The SHA-256 of the whole bundle file, hex: identifies what is loaded.</summary>
    public required string Digest { get; init; }
}
