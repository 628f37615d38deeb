// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Security.Cryptography;

namespace PolicyLang.Bundles.Signing;

/// <summary>Reading ECDSA P-256 keys from PEM files, and key ids.</summary>
internal static class BundleKeys
{
    public const string Algorithm = "ecdsa-p256-sha256";

    private const string P256Oid = "1.2.840.10045.3.1.7";

    public static string KeyIdOf(ECDsa key) => Convert.ToHexStringLower(SHA256.HashData(key.ExportSubjectPublicKeyInfo()))[..16];

    public static ECDsa Read(string path, bool isPrivate)
    {
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BundleException($"{path}: cannot read the key: {e.Message}", e);
        }

        return Parse(pem, path, isPrivate);
    }

    public static ECDsa Parse(string pem, string name, bool isPrivate)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            key.Dispose();
            throw new BundleException($"{name}: not a PEM ECDSA key: {e.Message}", e);
        }

        var parameters = key.ExportParameters(includePrivateParameters: false);
        var oid = parameters.Curve.Oid;
        if (key.KeySize != 256 || !(oid?.Value == P256Oid || oid?.FriendlyName is "nistP256" or "ECDSA_P256" or "prime256v1"))
        {
            key.Dispose();
            throw new BundleException($"{name}: the key is not on the P-256 curve (policylang keygen makes one)");
        }

        if (isPrivate && !pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            key.Dispose();
            throw new BundleException($"{name}: this is a public key; signing needs the private key");
        }

        return key;
    }
}
