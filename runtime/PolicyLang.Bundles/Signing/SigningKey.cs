// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Security.Cryptography;

namespace PolicyLang.Bundles.Signing;

/// <summary>An ECDSA P-256 private key that signs bundles. Stored as PKCS#8 PEM.</summary>
public sealed class SigningKey : IDisposable
{
    private readonly ECDsa _key;

    private SigningKey(ECDsa key)
    {
        _key = key;
        KeyId = BundleKeys.KeyIdOf(key);
    }

    /// <summary>The id of the key pair: the first 16 hex digits of the SHA-256 of the public key (SubjectPublicKeyInfo).</summary>
    public string KeyId { get; }

    public static SigningKey Generate() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    /// <summary>Reads a PKCS#8 (or SEC1) PEM private key file.</summary>
    /// <exception cref="BundleException">The file cannot be read or is not an ECDSA P-256 private key.</exception>
    public static SigningKey Load(string path) => new(BundleKeys.Read(path, isPrivate: true));

    /// <summary>Signs data with SHA-256 (IEEE P1363 signature: r || s).</summary>
    public byte[] Sign(byte[] data) => _key.SignData(data, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    public string ExportPublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    public void Dispose() => _key.Dispose();
}
