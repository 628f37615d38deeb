// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>
/// A runtime event being mapped from one of the input formats (PolicyLang, Falco, Tetragon). Mutable, so each
/// mapper fills what its format has; <see cref="ToEvent"/> then derives what is missing, the same way for all formats.
/// </summary>
internal sealed class EventDraft
{
    // The collections are made when first read, so a mapper that sets its own makes no empty one first.
    private List<string>? _procArgs;
    private List<string>? _ancestors;
    private List<string>? _fileFlags;
    private Dictionary<string, string>? _k8sLabels;

    public string? Type { get; set; }

    public DateTimeOffset? Time { get; set; }

    public string? Source { get; set; }

    public string? Node { get; set; }

    public string? ProcName { get; set; }

    public string? ProcExe { get; set; }

    public string? ProcCmdline { get; set; }

    public List<string> ProcArgs { get => _procArgs ??= []; set => _procArgs = value; }

    public long? ProcPid { get; set; }

    public long? ProcUid { get; set; }

    public long? ProcGid { get; set; }

    public string? ProcUser { get; set; }

    public string? ProcCwd { get; set; }

    public bool? ProcTty { get; set; }

    public string? ParentName { get; set; }

    public string? ParentExe { get; set; }

    public string? ParentCmdline { get; set; }

    public long? ParentPid { get; set; }

    public List<string> Ancestors { get => _ancestors ??= []; set => _ancestors = value; }

    public string? FilePath { get; set; }

    public string? FileDirectory { get; set; }

    public string? FileName { get; set; }

    public List<string> FileFlags { get => _fileFlags ??= []; set => _fileFlags = value; }

    public bool? FileRead { get; set; }

    public bool? FileWrite { get; set; }

    public string? NetProtocol { get; set; }

    public string? NetSourceIp { get; set; }

    public long? NetSourcePort { get; set; }

    public string? NetDestIp { get; set; }

    public long? NetDestPort { get; set; }

    public string? NetDirection { get; set; }

    public string? ContainerId { get; set; }

    public string? ContainerName { get; set; }

    public string? ContainerImage { get; set; }

    public bool? ContainerPrivileged { get; set; }

    public string? K8sNamespace { get; set; }

    public string? K8sPod { get; set; }

    public Dictionary<string, string> K8sLabels { get => _k8sLabels ??= new(StringComparer.Ordinal); set => _k8sLabels = value; }

    public string? K8sServiceAccount { get; set; }

    public long? Ret { get; set; }

    public long? TargetId { get; set; }

    /// <summary>The base name of a path: <c>/usr/bin/bash</c> is <c>bash</c>.</summary>
    public static string? BaseName(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    /// <summary>The directory of a path: <c>/etc/shadow</c> is <c>/etc</c>, <c>/shadow</c> is <c>/</c>.</summary>
    public static string? DirectoryName(string? path)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? null : slash == 0 ? "/" : trimmed[..slash];
    }

    /// <summary>Splits a command line at spaces and tabs (arguments as the sensors print them, already unquoted).</summary>
    public static List<string> SplitArguments(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)];

    public RuntimeEvent ToEvent(SourceDocument source)
    {
        var procName = ProcName ?? BaseName(ProcExe);
        var args = ProcArgs.Count > 0 || ProcCmdline is null ? ProcArgs : SplitArguments(ProcCmdline).Skip(1).ToList();
        var cmdline = ProcCmdline ?? (procName is null ? null : args.Count == 0 ? procName : procName + " " + string.Join(' ', args));
        var parentName = ParentName ?? BaseName(ParentExe);
        var ancestors = Ancestors.Count > 0 || parentName is null ? Ancestors : [parentName];
        var (read, write) = AccessOf(FileFlags);

        // Every part is built here and passed whole, so the event's empty defaults are never made.
        var proc = new EventProcess(args, ancestors, new EventParentProcess { Name = parentName, Exe = ParentExe, Cmdline = ParentCmdline, Pid = ParentPid })
        {
            Name = procName,
            Exe = ProcExe,
            Cmdline = cmdline,
            Pid = ProcPid,
            Uid = ProcUid,
            Gid = ProcGid,
            User = ProcUser,
            Cwd = ProcCwd,
            Tty = ProcTty,
        };
        var file = new EventFile(FileFlags)
        {
            Path = FilePath,
            Directory = FileDirectory ?? DirectoryName(FilePath),
            Name = FileName ?? BaseName(FilePath),
            Read = FileRead ?? read,
            Write = FileWrite ?? write,
        };
        var net = new EventNetwork
        {
            Protocol = NetProtocol,
            SourceIp = NetSourceIp,
            SourcePort = NetSourcePort,
            DestIp = NetDestIp,
            DestPort = NetDestPort,
            Direction = NetDirection ?? Type switch
            {
                "connect" => "outbound",
                "accept" => "inbound",
                _ => null,
            },
        };
        var container = new EventContainer { Id = ContainerId, Name = ContainerName, Image = ContainerImage, Privileged = ContainerPrivileged };
        var k8s = new EventKubernetes(K8sLabels) { Namespace = K8sNamespace, Pod = K8sPod, ServiceAccount = K8sServiceAccount };
        return new RuntimeEvent(proc, file, net, container, k8s)
        {
            Type = Type,
            Time = Time,
            Source = Source ?? "policylang",
            Node = Node,
            Ret = Ret,
            TargetId = TargetId,
            SourceDocument = source,
        };
    }

    // O_RDONLY is 0, so open flags without O_WRONLY or O_RDWR mean read-only.
    private static (bool? Read, bool? Write) AccessOf(List<string> flags)
    {
        if (flags.Count == 0)
        {
            return (null, null);
        }

        var readWrite = flags.Contains("O_RDWR");
        var writeOnly = flags.Contains("O_WRONLY");
        return (readWrite || !writeOnly, readWrite || writeOnly);
    }
}
