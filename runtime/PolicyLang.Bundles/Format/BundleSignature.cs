// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Bundles.Format;

/// <summary><c>signature.json</c>: a signature over the exact bytes of <c>manifest.json</c>.</summary>
/// <param name="Algorithm">Always <c>ecdsa-p256-sha256</c> (IEEE P1363 r || s).</param>
/// <param name="KeyId">The id of the signing key (first 16 hex digits of the SHA-256 of its public key).</param>
/// <param name="Value">The signature, base64.</param>
public sealed record BundleSignature(string Algorithm, string KeyId, string Value);
