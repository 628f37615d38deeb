// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Serialization;

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// A runtime event: a process exec, a file open or a network connection, with the process, container and
/// pod it happened in. Read from PolicyLang's JSON lines (see docs/subjects.md).
/// </summary>
public sealed class RuntimeEvent
{
    /// <summary>An event whose process, file, network, container and Kubernetes parts are empty until set.</summary>
    public RuntimeEvent()
        : this(new EventProcess(), new EventFile(), new EventNetwork(), new EventContainer(), new EventKubernetes())
    {
    }

    /// <summary>An event made of the given parts: a reader that builds every part passes them here, so no empty ones are made first.</summary>
    public RuntimeEvent(EventProcess proc, EventFile file, EventNetwork net, EventContainer container, EventKubernetes k8s)
    {
        Proc = proc;
        File = file;
        Net = net;
        Container = container;
        K8s = k8s;
    }

    /// <summary>What happened: <c>execve</c>, <c>open</c>, <c>connect</c>, <c>accept</c>, <c>setuid</c>, <c>ptrace</c>, <c>mount</c>, …</summary>
    [JsonPropertyName("type")]
    [KnownValues("execve", "open", "connect", "accept", "setuid", "setgid", "ptrace", "mount", "unlink", "rename", "chmod", "module_load", "bpf")]
    public string? Type { get; init; }

    /// <summary>When it happened.</summary>
    [JsonPropertyName("time")]
    public DateTimeOffset? Time { get; init; }

    /// <summary>The sensor that reported it: <c>falco</c>, <c>tetragon</c> or <c>policylang</c>.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary>The node the event happened on.</summary>
    [JsonPropertyName("node")]
    public string? Node { get; init; }

    /// <summary>The process that caused the event.</summary>
    [JsonPropertyName("proc")]
    public EventProcess Proc { get; init; }

    /// <summary>For file events: the file.</summary>
    [JsonPropertyName("file")]
    public EventFile File { get; init; }

    /// <summary>For network events: the connection.</summary>
    [JsonPropertyName("net")]
    public EventNetwork Net { get; init; }

    /// <summary>The container the process runs in; <c>id</c> is <c>host</c> for host processes.</summary>
    [JsonPropertyName("container")]
    public EventContainer Container { get; init; }

    /// <summary>The Kubernetes pod the container belongs to.</summary>
    [JsonPropertyName("k8s")]
    public EventKubernetes K8s { get; init; }

    /// <summary>The system call's return value, when known (negative: error).</summary>
    [JsonPropertyName("ret")]
    public long? Ret { get; init; }

    /// <summary>For privilege changes (<c>setuid</c>/<c>setgid</c>): the new user or group id.</summary>
    [JsonPropertyName("targetId")]
    public long? TargetId { get; init; }

    [HiddenFromPolicies]
    [JsonIgnore]
    public SourceDocument? SourceDocument { get; init; }
}

/// <summary>A process.</summary>
public sealed class EventProcess
{
    /// <summary>A process without arguments, ancestors or parent details until set.</summary>
    public EventProcess()
        : this([], [], new EventParentProcess())
    {
    }

    /// <summary>A process with the given lists and parent (no empty ones are made first).</summary>
    public EventProcess(IList<string> args, IList<string> ancestors, EventParentProcess parent)
    {
        Args = args;
        Ancestors = ancestors;
        Parent = parent;
    }

    /// <summary>The executable's base name, e.g. <c>bash</c>.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The executable's full path, e.g. <c>/usr/bin/bash</c>.</summary>
    [JsonPropertyName("exe")]
    public string? Exe { get; init; }

    /// <summary>The command line, name and arguments joined by spaces.</summary>
    [JsonPropertyName("cmdline")]
    public string? Cmdline { get; init; }

    [JsonPropertyName("args")]
    public IList<string> Args { get; init; }

    [JsonPropertyName("pid")]
    public long? Pid { get; init; }

    [JsonPropertyName("uid")]
    public long? Uid { get; init; }

    [JsonPropertyName("gid")]
    public long? Gid { get; init; }

    /// <summary>The user name, e.g. <c>root</c>.</summary>
    [JsonPropertyName("user")]
    public string? User { get; init; }

    [JsonPropertyName("cwd")]
    public string? Cwd { get; init; }

    /// <summary>True when the process has a terminal attached (interactive).</summary>
    [JsonPropertyName("tty")]
    public bool? Tty { get; init; }

    /// <summary>The parent process.</summary>
    [JsonPropertyName("parent")]
    public EventParentProcess Parent { get; init; }

    /// <summary>The names of the ancestors, nearest first.</summary>
    [JsonPropertyName("ancestors")]
    public IList<string> Ancestors { get; init; }
}

/// <summary>The parent of an event's process.</summary>
public sealed class EventParentProcess
{
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    [JsonPropertyName("exe")]
    public string? Exe { get; init; }

    [JsonPropertyName("cmdline")]
    public string? Cmdline { get; init; }

    [JsonPropertyName("pid")]
    public long? Pid { get; init; }
}

/// <summary>The file of a file event.</summary>
public sealed class EventFile
{
    /// <summary>A file without flags until set.</summary>
    public EventFile()
        : this([])
    {
    }

    /// <summary>A file with the given open flags (no empty list is made first).</summary>
    public EventFile(IList<string> flags)
    {
        Flags = flags;
    }

    /// <summary>The full path, e.g. <c>/etc/shadow</c>.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; init; }

    /// <summary>The directory part of the path.</summary>
    [JsonPropertyName("directory")]
    public string? Directory { get; init; }

    /// <summary>The base name of the path.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The open flags, e.g. <c>O_RDONLY</c>, <c>O_WRONLY</c>, <c>O_CREAT</c>.</summary>
    [JsonPropertyName("flags")]
    public IList<string> Flags { get; init; }

    /// <summary>True when the file was opened for reading.</summary>
    [JsonPropertyName("read")]
    public bool? Read { get; init; }

    /// <summary>True when the file was opened for writing.</summary>
    [JsonPropertyName("write")]
    public bool? Write { get; init; }
}

/// <summary>The connection of a network event.</summary>
public sealed class EventNetwork
{
    /// <summary><c>tcp</c> or <c>udp</c>.</summary>
    [JsonPropertyName("protocol")]
    [KnownValues("tcp", "udp", "icmp", "unix")]
    public string? Protocol { get; init; }

    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; init; }

    [JsonPropertyName("sourcePort")]
    public long? SourcePort { get; init; }

    [JsonPropertyName("destIp")]
    public string? DestIp { get; init; }

    [JsonPropertyName("destPort")]
    public long? DestPort { get; init; }

    /// <summary><c>outbound</c> or <c>inbound</c>.</summary>
    [JsonPropertyName("direction")]
    [KnownValues("outbound", "inbound")]
    public string? Direction { get; init; }
}

/// <summary>The container of an event.</summary>
public sealed class EventContainer
{
    /// <summary>The container id; <c>host</c> when the process runs on the host.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }

    [JsonPropertyName("name")]
    public string? Name { get; init; }

    /// <summary>The container's image reference as written.</summary>
    [JsonPropertyName("image")]
    public string? Image { get; init; }

    [JsonPropertyName("privileged")]
    public bool? Privileged { get; init; }
}

/// <summary>The Kubernetes context of an event.</summary>
public sealed class EventKubernetes
{
    /// <summary>A Kubernetes context without labels until set.</summary>
    public EventKubernetes()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A Kubernetes context with the given labels (no empty map is made first).</summary>
    public EventKubernetes(IDictionary<string, string> labels)
    {
        Labels = labels;
    }

    [JsonPropertyName("namespace")]
    public string? Namespace { get; init; }

    [JsonPropertyName("pod")]
    public string? Pod { get; init; }

    [JsonPropertyName("labels")]
    public IDictionary<string, string> Labels { get; init; }

    [JsonPropertyName("serviceAccount")]
    public string? ServiceAccount { get; init; }
}
