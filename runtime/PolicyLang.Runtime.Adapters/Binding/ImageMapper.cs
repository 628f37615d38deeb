// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Frozen;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters.Binding;

/// <summary>Reads PolicyLang's image JSON (field names as in <see cref="ImageSubject"/>) into an image subject.</summary>
internal static class ImageMapper
{
    private static readonly FrozenSet<string> ImageFields = FrozenSet.ToFrozenSet(
        ["reference", "os", "architecture", "created", "size", "config", "history", "layers", "packages", "vulnerabilities"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> ConfigFields = FrozenSet.ToFrozenSet(
        ["user", "env", "entrypoint", "cmd", "workingDir", "labels", "exposedPorts", "volumes", "stopSignal", "healthcheck"], StringComparer.Ordinal);

    public static ImageSubject Read(DocMap root, SourceDocument source, FieldReader r)
    {
        r.WarnUnknown(root, string.Empty, ImageFields);
        var config = r.Map(root, "config", string.Empty);
        r.WarnUnknown(config, "/config", ConfigFields);
        var layers = r.Objects(root, "layers", string.Empty, (m, at) => new ImageLayer
        {
            Digest = r.String(m, "digest", at),
            Size = r.Integer(m, "size", at),
            MediaType = r.String(m, "mediaType", at),
        });

        // The image size is the layers' total when the input does not give it.
        var size = r.Integer(root, "size", string.Empty)
            ?? (layers.Count > 0 && layers.TrueForAll(l => l.Size is not null) ? layers.Sum(l => l.Size ?? 0) : null);
        return new ImageSubject
        {
            Reference = ImageReference.Parse(r.String(root, "reference", string.Empty)),
            Os = r.String(root, "os", string.Empty),
            Architecture = r.String(root, "architecture", string.Empty),
            Created = r.Time(root, "created", string.Empty),
            Size = size,
            Config = new ImageConfig
            {
                User = r.String(config, "user", "/config"),
                Env = r.Strings(config, "env", "/config"),
                Entrypoint = r.Strings(config, "entrypoint", "/config"),
                Cmd = r.Strings(config, "cmd", "/config"),
                WorkingDir = r.String(config, "workingDir", "/config"),
                Labels = r.StringMap(config, "labels", "/config"),
                ExposedPorts = ListOrKeys(r, config, "exposedPorts"),
                Volumes = ListOrKeys(r, config, "volumes"),
                StopSignal = r.String(config, "stopSignal", "/config"),
                Healthcheck = r.Boolean(config, "healthcheck", "/config"),
            },
            History = r.Objects(root, "history", string.Empty, (m, at) => new ImageHistoryEntry
            {
                Created = r.Time(m, "created", at),
                CreatedBy = r.String(m, "createdBy", at),
                Comment = r.String(m, "comment", at),
                EmptyLayer = r.Boolean(m, "emptyLayer", at),
            }),
            Layers = layers,
            Packages = r.Objects(root, "packages", string.Empty, (m, at) => new ImagePackage
            {
                Name = r.String(m, "name", at),
                Version = r.String(m, "version", at),
                Type = r.String(m, "type", at),
                Purl = r.String(m, "purl", at),
                Licenses = r.Strings(m, "licenses", at),
            }),
            Vulnerabilities = r.Objects(root, "vulnerabilities", string.Empty, (m, at) => new ImageVulnerability
            {
                Id = r.String(m, "id", at),
                Package = r.String(m, "package", at),
                InstalledVersion = r.String(m, "installedVersion", at),
                FixedVersion = NullIfEmpty(r.String(m, "fixedVersion", at)),

                // Scanners write CRITICAL / High / medium; policies compare one spelling.
                Severity = r.String(m, "severity", at)?.ToLowerInvariant(),
                Cvss = r.Number(m, "cvss", at),
                Title = r.String(m, "title", at),
            }),
            Root = root,
            Source = source,
        };
    }

    // The OCI config writes exposed ports and volumes as maps with empty values ({"80/tcp": {}}); a list is accepted too.
    private static List<string> ListOrKeys(FieldReader r, DocMap? config, string key) =>
        config?[key] is DocMap map ? map.Entries.Select(e => e.Key).ToList() : r.Strings(config, key, "/config");

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
