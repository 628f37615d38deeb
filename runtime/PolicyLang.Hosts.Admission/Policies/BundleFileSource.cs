// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Security.Cryptography;
using PolicyLang.Bundles;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Format;
using PolicyLang.Bundles.Loading;
using PolicyLang.Bundles.Signing;

namespace PolicyLang.Hosts.Admission.Policies;

/// <summary>Policies from a bundle file, verified with a key when one is configured, with optional extra bindings.</summary>
public sealed class BundleFileSource : IPolicySource
{
    private readonly string _bundle;
    private readonly string? _bindings;
    private readonly string? _verifyKey;

    public BundleFileSource(string bundle, string? bindings, string? verifyKey)
    {
        _bundle = bundle;
        _bindings = bindings;
        _verifyKey = verifyKey;
    }

    public string Description => "bundle " + _bundle;

    public IReadOnlyList<string> WatchedPaths => new[] { _bundle, _bindings, _verifyKey }.OfType<string>().ToArray();

    public string Fingerprint()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var path in WatchedPaths)
        {
            hash.AppendData(File.ReadAllBytes(path));
            hash.AppendData([0]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public LoadedPolicies Load()
    {
        using var key = _verifyKey is null ? null : VerificationKey.Load(_verifyKey);
        var bundle = BundleReader.ReadFile(_bundle, key);
        var overlay = _bindings is null ? null : BindingsReader.ReadFile(_bindings);
        return BundleLoader.Load(bundle, _bundle, overlay);
    }

    /// <summary>Checks a configured verification key early, so a typo fails at start-up.</summary>
    /// <exception cref="BundleException">The key cannot be read.</exception>
    public void CheckKey()
    {
        if (_verifyKey is not null)
        {
            VerificationKey.Load(_verifyKey).Dispose();
        }
    }
}
