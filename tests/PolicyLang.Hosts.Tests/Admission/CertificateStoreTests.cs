// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Microsoft.Extensions.Logging;
using PolicyLang.Hosts.Admission.Tls;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>The serving certificate's reloads: a pair that stays unusable on disk is reported once, and a good pair after it is taken.</summary>
public sealed class CertificateStoreTests
{
    [Fact]
    public void An_unusable_pair_is_reported_once_however_often_it_is_checked_and_a_good_one_after_it_is_loaded()
    {
        var directory = Directory.CreateTempSubdirectory("policylang-certs-").FullName;
        var (certPath, keyPath) = (Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"));
        var first = TestCertificates.Write(certPath, keyPath);
        using var logs = new RecordingLogger();
        using var store = new CertificateStore(certPath, keyPath);
        store.AttachLogger(logs.CreateLogger("tls"));
        store.LoadInitial();

        // Halfway through a rotation that never finishes: the new certificate beside the old key.
        File.WriteAllText(certPath, TestCertificates.Create("policylang-next").CertificatePem);
        for (var check = 0; check < 5; check++)
        {
            store.Reload().ShouldBeFalse();
        }

        Warnings(logs).Length.ShouldBe(1);
        Thumbprint(store).ShouldBe(first, "the previous certificate keeps serving");

        // The key file goes missing: a different problem, reported once too.
        File.Delete(keyPath);
        store.Reload().ShouldBeFalse();
        store.Reload().ShouldBeFalse();
        Warnings(logs).Length.ShouldBe(2);

        var rotated = TestCertificates.Write(certPath, keyPath, "policylang-rotated");
        store.Reload().ShouldBeTrue();
        Thumbprint(store).ShouldBe(rotated);

        // Broken again after a good pair: reported again.
        File.WriteAllText(keyPath, "not a key");
        store.Reload().ShouldBeFalse();
        Warnings(logs).Length.ShouldBe(3);
    }

    private static LogEntry[] Warnings(RecordingLogger logs) => [.. logs.Entries.Where(e => e.Level == LogLevel.Warning)];

    private static string? Thumbprint(CertificateStore store) => store.Current?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);
}
