// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Security.Cryptography;

namespace PolicyLang.Bundles.Signing;

/// <summary>An ECDSA P-256 public key that verifies bundle signatures. Stored as SubjectPublicKeyInfo PEM.</summary>
public sealed class VerificationKey : IDisposable
{
    private readonly ECDsa _key;

    private VerificationKey(ECDsa key)
    {
        _key = key;
        KeyId = BundleKeys.KeyIdOf(key);
    }

    /// <summary>The id of the key pair (see <see cref="SigningKey.KeyId"/>).</summary>
    public string KeyId { get; }

    /// <summary>Reads a PEM public key file (a private key file is accepted too: its public half is used).</summary>
    /// <exception cref="BundleException">The file cannot be read or is not an ECDSA P-256 key.</exception>
    public static VerificationKey Load(string path) => new(BundleKeys.Read(path, isPrivate: false));

    /// <summary>A verification key from PEM text.</summary>
    public static VerificationKey FromPem(string pem, string name) => new(BundleKeys.Parse(pem, name, isPrivate: false));

    public bool Verify(byte[] data, byte[] signature) =>
        _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();
}
