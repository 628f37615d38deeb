// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using PolicyLang.Bundles.Signing;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Bundles.Format;

/// <summary>
/// Reads and checks bundles: the archive and its entries, the format version, the signature (when a key is given:
/// an unsigned or wrongly signed bundle is refused), the assembly's hash, and that the compiler that emitted it is
/// compatible with this runtime. Loads nothing: see <see cref="Loading.BundleLoader"/>.
/// </summary>
public static class BundleReader
{
    /// <summary>Reads a bundle file.</summary>
    /// <exception cref="BundleException">The bundle cannot be used; the message names the file and says why.</exception>
    public static PolicyBundle ReadFile(string path, VerificationKey? key)
    {
        byte[] bytes;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > BundleFormat.MaxBundleBytes)
            {
                throw new BundleException($"{path}: the bundle is {length} bytes, more than the {BundleFormat.MaxBundleBytes} allowed");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BundleException($"{path}: cannot read the bundle: {e.Message}", e);
        }

        return Read(bytes, path, key);
    }

    /// <summary>Reads a bundle from its bytes; <paramref name="name"/> names it in messages.</summary>
    /// <exception cref="BundleException">The bundle cannot be used.</exception>
    public static PolicyBundle Read(byte[] bytes, string name, VerificationKey? key)
    {
        var entries = ReadEntries(bytes, name);
        if (!entries.TryGetValue(BundleFormat.ManifestEntry, out var manifestBytes) || !entries.TryGetValue(BundleFormat.AssemblyEntry, out var image))
        {
            throw new BundleException($"{name}: not a PolicyLang bundle (it needs {BundleFormat.ManifestEntry} and {BundleFormat.AssemblyEntry}; build one with policylang build)");
        }

        BundleSignature? signature = null;
        if (entries.TryGetValue(BundleFormat.SignatureEntry, out var signatureBytes))
        {
            try
            {
                signature = JsonSerializer.Deserialize<BundleSignature>(signatureBytes, BundleJson.Options);
            }
            catch (JsonException e)
            {
                throw new BundleException($"{name}: {BundleFormat.SignatureEntry} is not valid: {e.Message}", e);
            }
        }

        // The signature first: nothing of an untrusted manifest is believed before it verifies.
        var verified = false;
        if (key is not null)
        {
            if (signature is null)
            {
                throw new BundleException($"{name}: the bundle is not signed, and this host requires bundles signed with key {key.KeyId} (build it with policylang build --sign-key)");
            }

            if (signature.Algorithm != BundleKeys.Algorithm)
            {
                throw new BundleException($"{name}: the bundle is signed with {signature.Algorithm}; only {BundleKeys.Algorithm} is accepted");
            }

            byte[] value;
            try
            {
                value = Convert.FromBase64String(signature.Value);
            }
            catch (FormatException e)
            {
                throw new BundleException($"{name}: the signature is not base64", e);
            }

            if (!key.Verify(manifestBytes, value))
            {
                throw new BundleException(signature.KeyId == key.KeyId
                    ? $"{name}: the signature does not verify with key {key.KeyId}: the bundle was changed after it was signed"
                    : $"{name}: the bundle is signed by key {signature.KeyId}, not by the trusted key {key.KeyId}");
            }

            verified = true;
        }

        BundleManifest manifest;
        try
        {
            manifest = BundleManifest.FromJson(manifestBytes);
        }
        catch (JsonException e)
        {
            throw new BundleException($"{name}: {BundleFormat.ManifestEntry} is not valid: {e.Message}", e);
        }

        if (manifest.FormatVersion != BundleFormat.Version)
        {
            throw new BundleException($"{name}: bundle format {manifest.FormatVersion} is not supported (this host reads format {BundleFormat.Version}); rebuild the bundle with this version of policylang");
        }

        if (!BundleFormat.IsCompatible(manifest.CompilerVersion, BundleFormat.RuntimeVersion))
        {
            throw new BundleException($"{name}: the bundle was built by compiler {BundleFormat.ProductVersion(manifest.CompilerVersion)}, which is incompatible with this runtime {BundleFormat.RuntimeVersion}; rebuild it with policylang {BundleFormat.RuntimeVersion}");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(image));
        if (!string.Equals(hash, manifest.Assembly.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BundleException($"{name}: the policy assembly does not match the manifest (SHA-256 {hash}, expected {manifest.Assembly.Sha256}): the bundle is corrupt or was tampered with");
        }

        try
        {
            var embedded = PolicyAssemblyManifest.ReadFromImage(image);
            if (embedded.CompilerVersion != manifest.CompilerVersion)
            {
                throw new BundleException($"{name}: the assembly was emitted by compiler {embedded.CompilerVersion}, but the manifest says {manifest.CompilerVersion}");
            }
        }
        catch (InvalidDataException e)
        {
            throw new BundleException($"{name}: {BundleFormat.AssemblyEntry}: {e.Message}", e);
        }

        return new PolicyBundle
        {
            Manifest = manifest,
            ManifestBytes = manifestBytes,
            Image = image,
            Signature = signature,
            SignatureVerified = verified,
            Digest = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
    }

    /// <summary>Reads a bundle's manifest and signature without checking anything (for <c>policylang inspect</c>).</summary>
    /// <exception cref="BundleException">The file is not a bundle.</exception>
    public static (BundleManifest Manifest, BundleSignature? Signature) ReadUnchecked(byte[] bytes, string name)
    {
        var entries = ReadEntries(bytes, name);
        if (!entries.TryGetValue(BundleFormat.ManifestEntry, out var manifestBytes))
        {
            throw new BundleException($"{name}: not a PolicyLang bundle (no {BundleFormat.ManifestEntry})");
        }

        try
        {
            var signature = entries.TryGetValue(BundleFormat.SignatureEntry, out var s) ? JsonSerializer.Deserialize<BundleSignature>(s, BundleJson.Options) : null;
            return (BundleManifest.FromJson(manifestBytes), signature);
        }
        catch (JsonException e)
        {
            throw new BundleException($"{name}: the bundle's manifest or signature is not valid JSON: {e.Message}", e);
        }
    }

    private static Dictionary<string, byte[]> ReadEntries(byte[] bytes, string name)
    {
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                if (entry.Length > BundleFormat.MaxBundleBytes || total > BundleFormat.MaxBundleBytes)
                {
                    throw new BundleException($"{name}: the bundle expands to more than {BundleFormat.MaxBundleBytes} bytes");
                }

                if (entry.FullName is not (BundleFormat.ManifestEntry or BundleFormat.AssemblyEntry or BundleFormat.SignatureEntry))
                {
                    throw new BundleException($"{name}: unexpected entry '{entry.FullName}' in the bundle");
                }

                using var stream = entry.Open();
                using var content = new MemoryStream((int)entry.Length);
                stream.CopyTo(content);
                entries[entry.FullName] = content.ToArray();
            }
        }
        catch (InvalidDataException e)
        {
            throw new BundleException($"{name}: not a PolicyLang bundle (not a valid archive: {e.Message})", e);
        }

        return entries;
    }
}
