// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Signing;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Bundles.Format;

/// <summary>Writes bundles from an emitted policy assembly (the compiler is the caller's business).</summary>
public static class BundleWriter
{
    /// <summary>Builds the bytes of a bundle.</summary>
    /// <param name="image">The emitted policy assembly.</param>
    /// <param name="assemblyManifest">The manifest embedded in the assembly.</param>
    /// <param name="bindings">Bindings to carry (checked against the policies by the caller).</param>
    /// <param name="signingKey">The key to sign with, or null for an unsigned bundle.</param>
    /// <param name="created">The build time recorded in the manifest (and on the archive entries).</param>
    public static byte[] Write(byte[] image, PolicyAssemblyManifest assemblyManifest, PolicyBindings bindings, SigningKey? signingKey, DateTimeOffset created)
    {
        var manifest = new BundleManifest
        {
            FormatVersion = BundleFormat.Version,
            CompilerVersion = assemblyManifest.CompilerVersion,
            RuntimeVersion = BundleFormat.RuntimeVersion,
            Created = created,
            Assembly = new BundleAssembly(BundleFormat.AssemblyEntry, Convert.ToHexStringLower(SHA256.HashData(image)), image.Length),
            Policies = assemblyManifest.Policies,
            Bindings = bindings,
        };
        var manifestBytes = manifest.ToJsonBytes();
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, BundleFormat.ManifestEntry, manifestBytes, created);
            Add(zip, BundleFormat.AssemblyEntry, image, created);
            if (signingKey is not null)
            {
                var signature = new BundleSignature(BundleKeys.Algorithm, signingKey.KeyId, Convert.ToBase64String(signingKey.Sign(manifestBytes)));
                Add(zip, BundleFormat.SignatureEntry, JsonSerializer.SerializeToUtf8Bytes(signature, BundleJson.Indented), created);
            }
        }

        return output.ToArray();
    }

    private static void Add(ZipArchive zip, string name, byte[] content, DateTimeOffset created)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = created.Year is >= 1980 and <= 2107 ? created : new DateTimeOffset(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var stream = entry.Open();
        stream.Write(content);
    }
}
