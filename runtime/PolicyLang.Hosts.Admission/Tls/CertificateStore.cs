// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace PolicyLang.Hosts.Admission.Tls;

/// <summary>
/// The serving certificate, read from PEM certificate and key files and read again when they change on disk
/// (cert-manager and Secret volumes rotate them). New connections get the newest certificate; a pair that cannot be
/// read (e.g. halfway through a rotation) is logged and the previous one keeps serving.
/// </summary>
public sealed partial class CertificateStore : IDisposable
{
    private readonly string _certPath;
    private readonly string _keyPath;
    private ILogger _logger = NullLogger.Instance;
    private readonly Lock _lock = new();
    private X509Certificate2? _current;
    private string? _fingerprint;

    // What the last unusable pair was (its fingerprint, or the error when the files could not be read), so a pair that
    // stays broken on disk is reported once, not at every check.
    private string? _lastProblem;

    public CertificateStore(string certPath, string keyPath)
    {
        _certPath = certPath;
        _keyPath = keyPath;
    }

    /// <summary>Where reloads are logged from now on.</summary>
    public void AttachLogger(ILogger logger) => _logger = logger;

    public IReadOnlyList<string> Paths => [_certPath, _keyPath];

    /// <summary>The certificate for new connections.</summary>
    public X509Certificate2? Current => Volatile.Read(ref _current);

    /// <summary>Reads the files when they changed. True when a new certificate was loaded.</summary>
    /// <exception cref="CryptographicException">Only from <see cref="LoadInitial"/>: the first pair cannot be used.</exception>
    public bool Reload()
    {
        lock (_lock)
        {
            string? fingerprint = null;
            try
            {
                var cert = File.ReadAllBytes(_certPath);
                var key = File.ReadAllBytes(_keyPath);
                fingerprint = Convert.ToHexStringLower(SHA256.HashData([.. cert, .. key]));
                if (fingerprint == _fingerprint || fingerprint == _lastProblem)
                {
                    return false;
                }

                var loaded = X509Certificate2.CreateFromPem(System.Text.Encoding.UTF8.GetString(cert), System.Text.Encoding.UTF8.GetString(key));

                // Re-import so the private key is usable by SslStream on every platform.
                var usable = X509CertificateLoader.LoadPkcs12(loaded.Export(X509ContentType.Pkcs12), null);
                loaded.Dispose();
                var previous = Interlocked.Exchange(ref _current, usable);
                _fingerprint = fingerprint;
                _lastProblem = null;
                LogLoaded(_logger, usable.Subject, usable.NotAfter.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));

                // Connections already open keep the old certificate object; it is left to the finalizer.
                _ = previous;
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                if (_current is null)
                {
                    throw new CryptographicException($"the TLS certificate {_certPath} with key {_keyPath} cannot be used: {e.Message}", e);
                }

                var problem = fingerprint ?? e.Message;
                if (problem != _lastProblem)
                {
                    _lastProblem = problem;
                    LogUnusable(_logger, _certPath, e.Message);
                }

                return false;
            }
        }
    }

    /// <summary>Loads the first pair; failing is fatal at start-up.</summary>
    /// <exception cref="CryptographicException">The files cannot be used.</exception>
    public void LoadInitial() => Reload();

    public void Dispose() => _current?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate loaded: {Subject}, valid until {NotAfter}")]
    private static partial void LogLoaded(ILogger logger, string subject, string notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "the TLS certificate {Path} changed but cannot be used yet ({Error}); the previous one keeps serving")]
    private static partial void LogUnusable(ILogger logger, string path, string error);
}
