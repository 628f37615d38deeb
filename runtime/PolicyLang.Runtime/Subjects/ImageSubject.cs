// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Serialization;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// A container image: its reference, OCI config, history and layers, installed packages and known
/// vulnerabilities. Read from PolicyLang's image JSON (see docs/subjects.md).
/// </summary>
public sealed class ImageSubject
{
    /// <summary>The image reference, normalised (registry, repository, tag, digest).</summary>
    [JsonPropertyName("reference")]
    public ImageReference Reference { get; init; } = ImageReference.Parse(null);

    /// <summary>The operating system the image is built for, e.g. <c>linux</c>.</summary>
    [JsonPropertyName("os")]
    public string? Os { get; init; }

    /// <summary>The CPU architecture, e.g. <c>amd64</c>.</summary>
    [JsonPropertyName("architecture")]
    public string? Architecture { get; init; }

    /// <summary>When the image was built.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; init; }

    /// <summary>Total size of the layers in bytes.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>The image's run configuration.</summary>
    [JsonPropertyName("config")]
    public ImageConfig Config { get; init; } = new();

    /// <summary>The build history, one entry per build step.</summary>
    [JsonPropertyName("history")]
    public IList<ImageHistoryEntry> History { get; init; } = [];

    /// <summary>The filesystem layers.</summary>
    [JsonPropertyName("layers")]
    public IList<ImageLayer> Layers { get; init; } = [];

    /// <summary>Packages found in the image (OS and language packages).</summary>
    [JsonPropertyName("packages")]
    public IList<ImagePackage> Packages { get; init; } = [];

    /// <summary>Known vulnerabilities of the image's packages.</summary>
    [JsonPropertyName("vulnerabilities")]
    public IList<ImageVulnerability> Vulnerabilities { get; init; } = [];

    [HiddenFromPolicies]
    [JsonIgnore]
    public DocMap? Root { get; init; }

    [HiddenFromPolicies]
    [JsonIgnore]
    public SourceDocument? Source { get; init; }
}

/// <summary>The OCI image configuration (how a container of this image runs).</summary>
public sealed class ImageConfig
{
    /// <summary>The user the process runs as (<c>USER</c>), e.g. <c>1000</c> or <c>nginx</c>; absent means root.</summary>
    [JsonPropertyName("user")]
    public string? User { get; init; }

    /// <summary>Environment variables as <c>NAME=value</c>.</summary>
    [JsonPropertyName("env")]
    public IList<string> Env { get; init; } = [];

    [JsonPropertyName("entrypoint")]
    public IList<string> Entrypoint { get; init; } = [];

    [JsonPropertyName("cmd")]
    public IList<string> Cmd { get; init; } = [];

    [JsonPropertyName("workingDir")]
    public string? WorkingDir { get; init; }

    [JsonPropertyName("labels")]
    public IDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Exposed ports as <c>port/protocol</c>, e.g. <c>80/tcp</c>.</summary>
    [JsonPropertyName("exposedPorts")]
    public IList<string> ExposedPorts { get; init; } = [];

    [JsonPropertyName("volumes")]
    public IList<string> Volumes { get; init; } = [];

    [JsonPropertyName("stopSignal")]
    public string? StopSignal { get; init; }

    /// <summary>True when the image defines a HEALTHCHECK.</summary>
    [JsonPropertyName("healthcheck")]
    public bool? Healthcheck { get; init; }
}

/// <summary>One build step of an image.</summary>
public sealed class ImageHistoryEntry
{
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; init; }

    /// <summary>The instruction that made the step, e.g. <c>RUN apt-get install -y curl</c>.</summary>
    [JsonPropertyName("createdBy")]
    public string? CreatedBy { get; init; }

    [JsonPropertyName("comment")]
    public string? Comment { get; init; }

    /// <summary>True when the step added no layer (ENV, LABEL, …).</summary>
    [JsonPropertyName("emptyLayer")]
    public bool? EmptyLayer { get; init; }
}

/// <summary>One filesystem layer.</summary>
public sealed class ImageLayer
{
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    [JsonPropertyName("size")]
    public long? Size { get; init; }

    [JsonPropertyName("mediaType")]
    public string? MediaType { get; init; }
}

/// <summary>A package installed in the image.</summary>
public sealed class ImagePackage
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    /// <summary>The package ecosystem, e.g. <c>deb</c>, <c>apk</c>, <c>npm</c>, <c>pypi</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The package URL (purl).</summary>
    [JsonPropertyName("purl")]
    public string? Purl { get; init; }

    [JsonPropertyName("licenses")]
    public IList<string> Licenses { get; init; } = [];
}

/// <summary>A known vulnerability of a package in the image.</summary>
public sealed class ImageVulnerability
{
    /// <summary>The advisory id, e.g. <c>CVE-2024-3094</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    /// <summary>The affected package's name.</summary>
    [JsonPropertyName("package")]
    public string? Package { get; init; }

    [JsonPropertyName("installedVersion")]
    public string? InstalledVersion { get; init; }

    /// <summary>The first version that fixes it; absent when no fix exists.</summary>
    [JsonPropertyName("fixedVersion")]
    public string? FixedVersion { get; init; }

    /// <summary>The severity: <c>unknown</c>, <c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    [JsonPropertyName("severity")]
    [KnownValues("unknown", "low", "medium", "high", "critical")]
    public string? Severity { get; init; }

    /// <summary>The CVSS base score (0–10).</summary>
    [JsonPropertyName("cvss")]
    public double? Cvss { get; init; }

    [JsonPropertyName("title")]
    public string? Title { get; init; }
}
