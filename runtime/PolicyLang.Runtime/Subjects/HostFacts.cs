// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Serialization;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// Facts about a node for compliance benchmarks (CIS): files with their mode and owner, running processes
/// with their flags, the kubelet configuration. Read from a facts JSON document (see docs/subjects.md).
/// </summary>
public sealed class HostFacts
{
    /// <summary>The node's name.</summary>
    [JsonPropertyName("node")]
    public string? Node { get; init; }

    /// <summary>The node's role: <c>controlplane</c> or <c>worker</c>.</summary>
    [JsonPropertyName("role")]
    [KnownValues("controlplane", "worker")]
    public string? Role { get; init; }

    [JsonPropertyName("os")]
    public string? Os { get; init; }

    [JsonPropertyName("kubeletVersion")]
    public string? KubeletVersion { get; init; }

    /// <summary>Files by path.</summary>
    [JsonPropertyName("files")]
    public IDictionary<string, HostFile> Files { get; init; } = new Dictionary<string, HostFile>();

    /// <summary>Processes by name (e.g. <c>kubelet</c>, <c>kube-apiserver</c>).</summary>
    [JsonPropertyName("processes")]
    public IDictionary<string, HostProcess> Processes { get; init; } = new Dictionary<string, HostProcess>();

    /// <summary>The kubelet configuration file (KubeletConfiguration), read dynamically.</summary>
    [JsonPropertyName("kubeletConfig")]
    [JsonIgnore]
    public DocNode? KubeletConfig { get; init; }

    /// <summary>Kernel parameters by name, e.g. <c>net.ipv4.ip_forward</c>.</summary>
    [JsonPropertyName("sysctls")]
    public IDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();

    [HiddenFromPolicies]
    [JsonIgnore]
    public DocMap? Root { get; init; }

    [HiddenFromPolicies]
    [JsonIgnore]
    public SourceDocument? Source { get; init; }
}

/// <summary>A file on a node.</summary>
public sealed class HostFile
{
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>False when the file does not exist.</summary>
    [JsonPropertyName("exists")]
    public bool? Exists { get; init; }

    /// <summary>The permission bits as an integer (e.g. 0o644 is 420); see the <c>mode</c> built-ins.</summary>
    [JsonPropertyName("mode")]
    public long? Mode { get; init; }

    [JsonPropertyName("owner")]
    public string? Owner { get; init; }

    [JsonPropertyName("group")]
    public string? Group { get; init; }
}

/// <summary>A process running on a node.</summary>
public sealed class HostProcess
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("args")]
    public IList<string> Args { get; init; } = [];

    /// <summary>The <c>--flag=value</c> arguments by flag name (without dashes); a bare flag has value <c>true</c>.</summary>
    [JsonPropertyName("flags")]
    public IDictionary<string, string> Flags { get; init; } = new Dictionary<string, string>();
}
