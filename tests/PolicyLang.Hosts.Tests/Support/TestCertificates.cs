// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>Self-signed serving certificates for 127.0.0.1 and localhost, written as PEM files.</summary>
internal static class TestCertificates
{
    /// <summary>Writes a new certificate and key to the paths; returns the certificate's SHA-256 thumbprint.</summary>
    public static string Write(string certPath, string keyPath, string commonName = "policylang-webhook")
    {
        var pair = Create(commonName);
        File.WriteAllText(keyPath + ".tmp", pair.KeyPem);
        File.WriteAllText(certPath + ".tmp", pair.CertificatePem);
        File.Move(keyPath + ".tmp", keyPath, overwrite: true);
        File.Move(certPath + ".tmp", certPath, overwrite: true);
        return pair.Thumbprint;
    }

    /// <summary>A new self-signed certificate and its key as PEM text, not yet written anywhere.</summary>
    public static (string CertificatePem, string KeyPem, string Thumbprint) Create(string commonName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return (certificate.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), certificate.GetCertHashString(HashAlgorithmName.SHA256));
    }
}
