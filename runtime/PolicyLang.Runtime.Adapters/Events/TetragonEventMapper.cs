// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>
/// Reads Tetragon's JSON export (<c>tetra getevents -o json</c>, the export file): one object per line with a single
/// <c>process_exec</c>, <c>process_kprobe</c>, <c>process_lsm</c> or <c>process_tracepoint</c> member beside
/// <c>node_name</c> and <c>time</c>.
/// </summary>
internal static class TetragonEventMapper
{
    private static readonly string[] Supported = ["process_exec", "process_kprobe", "process_lsm", "process_tracepoint"];

    private static readonly string[] RuntimePrefixes = ["containerd://", "docker://", "cri-o://", "crio://"];

    /// <summary>The member holding the event (<c>process_exec</c>, …), or null when the document is not a Tetragon event.</summary>
    public static DocEntry? EventMember(DocMap root)
    {
        foreach (var entry in root.Entries)
        {
            if (entry.Key.StartsWith("process_", StringComparison.Ordinal) && entry.Value is DocMap)
            {
                return entry;
            }
        }

        return null;
    }

    public static bool IsSupported(string member) => Supported.Contains(member);

    public static EventDraft Read(DocMap root, DocEntry member)
    {
        var body = (DocMap)member.Value;
        var process = SensorValues.Map(body["process"]);
        var parent = SensorValues.Map(body["parent"]);
        var draft = new EventDraft
        {
            Type = member.Key switch
            {
                "process_exec" => "execve",
                "process_tracepoint" => SyscallNames.ToEventType(SensorValues.String(body["event"]) ?? "tracepoint"),
                _ => SyscallNames.ToEventType(SensorValues.String(body["function_name"]) ?? member.Key),
            },
            Time = SensorValues.String(root["time"]) is { } time && Binding.Rfc3339.TryParse(time, out var parsed) ? parsed : null,
            Source = "tetragon",
            Node = SensorValues.String(root["node_name"]),
        };

        ReadProcess(draft, process);
        if (parent is not null)
        {
            draft.ParentExe = SensorValues.String(parent["binary"]);
            draft.ParentPid = SensorValues.Integer(parent["pid"]);
            draft.ParentCmdline = CommandLine(draft.ParentExe, SensorValues.String(parent["arguments"]));
        }

        if (body["ancestors"] is DocList ancestors)
        {
            draft.Ancestors = [.. ancestors.Items.Select(a => EventDraft.BaseName(SensorValues.String(SensorValues.Map(a)?["binary"]))).OfType<string>()];
        }

        if (body["args"] is DocList args)
        {
            ReadArguments(draft, args, SensorValues.String(body["function_name"]));
        }

        if (SensorValues.Map(body["return"]) is { } returned)
        {
            draft.Ret = SensorValues.Integer(returned["int_arg"]) ?? SensorValues.Integer(returned["long_arg"]);
        }

        return draft;
    }

    private static void ReadProcess(EventDraft draft, DocMap? process)
    {
        if (process is null)
        {
            return;
        }

        draft.ProcExe = SensorValues.String(process["binary"]);
        var arguments = SensorValues.String(process["arguments"]);
        draft.ProcArgs = EventDraft.SplitArguments(arguments);
        draft.ProcCmdline = CommandLine(draft.ProcExe, arguments);
        draft.ProcPid = SensorValues.Integer(process["pid"]);
        draft.ProcUid = SensorValues.Integer(process["uid"]);
        draft.ProcCwd = SensorValues.String(process["cwd"]);
        draft.ProcUser = SensorValues.String(SensorValues.Map(process["user"])?["name"]);
        var pod = SensorValues.Map(process["pod"]);
        var container = SensorValues.Map(pod?["container"]);
        var containerId = SensorValues.String(container?["id"]) ?? SensorValues.String(process["docker"]);

        // Tetragon gives no pod and no container for a host process.
        draft.ContainerId = containerId is null ? "host" : StripRuntime(containerId);
        draft.ContainerName = SensorValues.String(container?["name"]);
        draft.ContainerImage = SensorValues.String(SensorValues.Map(container?["image"])?["name"]);
        draft.ContainerPrivileged = SensorValues.Boolean(SensorValues.Map(container?["security_context"])?["privileged"]);
        draft.K8sNamespace = SensorValues.String(pod?["namespace"]);
        draft.K8sPod = SensorValues.String(pod?["name"]);
        if (SensorValues.Map(pod?["pod_labels"]) is { } labels)
        {
            foreach (var label in labels.Entries)
            {
                if (SensorValues.String(label.Value) is { } value)
                {
                    draft.K8sLabels[label.Key] = value;
                }
            }
        }
    }

    private static void ReadArguments(EventDraft draft, DocList args, string? function)
    {
        foreach (var arg in args.Items.OfType<DocMap>())
        {
            if (SensorValues.Map(arg["file_arg"]) is { } file)
            {
                draft.FilePath ??= SensorValues.String(file["path"]);
            }
            else if (SensorValues.Map(arg["path_arg"]) is { } path)
            {
                draft.FilePath ??= SensorValues.String(path["path"]);
            }
            else if (SensorValues.Map(arg["sock_arg"]) is { } sock)
            {
                draft.NetProtocol = Protocol(SensorValues.String(sock["protocol"]));
                draft.NetSourceIp = SensorValues.String(sock["saddr"]);
                draft.NetSourcePort = SensorValues.Integer(sock["sport"]);
                draft.NetDestIp = SensorValues.String(sock["daddr"]);
                draft.NetDestPort = SensorValues.Integer(sock["dport"]);
            }
            else if (SensorValues.Map(arg["sockaddr_arg"]) is { } address)
            {
                draft.NetDestIp ??= SensorValues.String(address["addr"]);
                draft.NetDestPort ??= SensorValues.Integer(address["port"]);
            }
            else if (SensorValues.Integer(arg["int_arg"]) is { } number)
            {
                if (function == "security_file_permission")
                {
                    // The access mask: MAY_WRITE is 2, MAY_READ is 4.
                    draft.FileWrite = (number & 2) != 0;
                    draft.FileRead = (number & 4) != 0;
                }
                else if (draft.Type is "setuid" or "setgid")
                {
                    draft.TargetId ??= number;
                }
            }
        }
    }

    private static string? CommandLine(string? binary, string? arguments)
    {
        var name = EventDraft.BaseName(binary);
        return name is null ? null : string.IsNullOrEmpty(arguments) ? name : name + " " + arguments;
    }

    private static string StripRuntime(string id)
    {
        foreach (var prefix in RuntimePrefixes)
        {
            if (id.StartsWith(prefix, StringComparison.Ordinal))
            {
                return id[prefix.Length..];
            }
        }

        return id;
    }

    // "IPPROTO_TCP" is "tcp".
    private static string? Protocol(string? protocol) =>
        protocol is null ? null : protocol.StartsWith("IPPROTO_", StringComparison.Ordinal) ? protocol[8..].ToLowerInvariant() : protocol.ToLowerInvariant();
}
