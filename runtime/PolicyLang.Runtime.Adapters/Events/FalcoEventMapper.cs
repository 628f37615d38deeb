// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Runtime.Adapters.Binding;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>
/// Reads Falco's JSON output (<c>json_output: true</c>): the alert's <c>output_fields</c> (<c>proc.name</c>,
/// <c>fd.name</c>, <c>k8s.pod.name</c>, …) become the event; <c>time</c> and <c>hostname</c> come from the alert.
/// </summary>
internal static class FalcoEventMapper
{
    private static readonly HashSet<string> FileEventTypes = new(StringComparer.Ordinal)
    {
        "open", "openat", "openat2", "creat", "unlink", "unlinkat", "rename", "renameat", "renameat2",
        "chmod", "fchmod", "fchmodat", "mkdir", "mkdirat", "rmdir", "link", "linkat", "symlink", "symlinkat",
    };

    private static readonly HashSet<string> NetworkEventTypes = new(StringComparer.Ordinal)
    {
        "connect", "accept", "accept4", "listen", "bind", "sendto", "recvfrom", "sendmsg", "recvmsg",
    };

    /// <summary>True when a document looks like a Falco alert.</summary>
    public static bool Matches(DocMap root) => root["output_fields"] is DocMap && (root["rule"] is not null || root["priority"] is not null || root["output"] is not null);

    public static EventDraft Read(DocMap root, FieldReader r) =>
        Read(r.Map(root, "output_fields", string.Empty), r.Time(root, "time", string.Empty), r.String(root, "hostname", string.Empty));

    /// <summary>The event of an alert's <c>output_fields</c>, <c>time</c> and <c>hostname</c> (read from a tree, or straight from JSON).</summary>
    public static EventDraft Read(DocMap? fields, DateTimeOffset? alertTime, string? hostname)
    {
        string? S(string key) => SensorValues.String(fields?[key]);
        long? I(string key) => SensorValues.Integer(fields?[key]);
        bool? B(string key) => SensorValues.Boolean(fields?[key]);

        var type = S("evt.type");
        var time = alertTime ?? ((I("evt.rawtime") ?? I("evt.time")) is { } epoch ? Rfc3339.FromEpoch(epoch) : null);
        var draft = new EventDraft
        {
            Type = Normalize(type),
            Time = time,
            Source = "falco",
            Node = hostname,
            ProcName = S("proc.name"),
            ProcExe = S("proc.exepath") ?? S("proc.exe"),
            ProcCmdline = S("proc.cmdline"),
            ProcArgs = EventDraft.SplitArguments(S("proc.args")),
            ProcPid = I("proc.pid"),
            ProcUid = I("user.uid"),
            ProcGid = I("group.gid"),
            ProcUser = S("user.name"),
            ProcCwd = S("proc.cwd"),
            ProcTty = I("proc.tty") is { } tty ? tty != 0 : null,
            ParentName = S("proc.pname"),
            ParentExe = S("proc.pexepath") ?? S("proc.pexe"),
            ParentCmdline = S("proc.pcmdline"),
            ParentPid = I("proc.ppid"),
            Ancestors = Ancestors(fields, S("proc.pname")),
            ContainerId = S("container.id"),
            ContainerName = S("container.name"),
            ContainerImage = S("container.image") ?? Image(S("container.image.repository"), S("container.image.tag"), S("container.image.digest")),
            ContainerPrivileged = B("container.privileged"),
            K8sNamespace = S("k8s.ns.name"),
            K8sPod = S("k8s.pod.name"),
            K8sLabels = Labels(fields, S("k8s.pod.labels")),
            Ret = I("evt.rawres") ?? (S("evt.res") == "SUCCESS" ? 0 : null),
            TargetId = type switch
            {
                "setuid" or "setresuid" or "setreuid" => I("evt.arg.uid") ?? I("evt.arg.ruid"),
                "setgid" or "setresgid" or "setregid" => I("evt.arg.gid") ?? I("evt.arg.rgid"),
                _ => null,
            },
        };

        var fdType = S("fd.type");
        var fdName = S("fd.name");
        var isFile = fdType is "file" or "directory"
            || (fdType is null && type is not null && FileEventTypes.Contains(type))
            || (fdType is null && fdName is not null && fdName.StartsWith('/'));
        var isNetwork = fdType is "ipv4" or "ipv6" || (fdType is null && type is not null && NetworkEventTypes.Contains(type));
        if (isFile)
        {
            draft.FilePath = fdName ?? S("fs.path.name") ?? S("evt.arg.path") ?? S("evt.arg.name");
            draft.FileDirectory = S("fd.directory");
            draft.FileName = S("fd.filename");
            draft.FileFlags = Flags(S("evt.arg.flags"));
            draft.FileRead = B("evt.is_open_read");
            draft.FileWrite = B("evt.is_open_write");
        }
        else if (isNetwork)
        {
            // Falco names both ends as client and server, whichever side this process is on.
            var (clientIp, clientPort, serverIp, serverPort) = Endpoints(fdName);
            draft.NetProtocol = S("fd.l4proto") ?? (fdType is "ipv4" or "ipv6" ? null : fdType);
            draft.NetSourceIp = S("fd.cip") ?? clientIp;
            draft.NetSourcePort = I("fd.cport") ?? clientPort;
            draft.NetDestIp = S("fd.sip") ?? serverIp;
            draft.NetDestPort = I("fd.sport") ?? serverPort;
        }

        return draft;
    }

    private static string? Normalize(string? type) => type switch
    {
        "openat" or "openat2" or "creat" => "open",
        "execveat" => "execve",
        "accept4" => "accept",
        "unlinkat" => "unlink",
        "renameat" or "renameat2" => "rename",
        "fchmod" or "fchmodat" => "chmod",
        "init_module" or "finit_module" => "module_load",
        _ => type,
    };

    private static string? Image(string? repository, string? tag, string? digest) =>
        repository is null ? null : repository + (tag is null ? string.Empty : ":" + tag) + (digest is null ? string.Empty : "@" + digest);

    // proc.aname[1] is the parent, proc.aname[2] the grandparent, …
    private static List<string> Ancestors(DocMap? fields, string? parent)
    {
        var byLevel = new SortedDictionary<int, string>();
        foreach (var entry in fields?.Entries ?? [])
        {
            if (entry.Key.StartsWith("proc.aname[", StringComparison.Ordinal) && entry.Key.EndsWith(']')
                && int.TryParse(entry.Key.AsSpan(11, entry.Key.Length - 12), NumberStyles.None, CultureInfo.InvariantCulture, out var level)
                && level > 0 && SensorValues.String(entry.Value) is { } name)
            {
                byLevel[level] = name;
            }
        }

        if (!byLevel.ContainsKey(1) && parent is not null)
        {
            byLevel[1] = parent;
        }

        return [.. byLevel.Values];
    }

    // k8s.pod.label[app] / k8s.pod.label.app fields, and k8s.pod.labels as "(app:web,tier:front)".
    private static Dictionary<string, string> Labels(DocMap? fields, string? joined)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (joined is not null)
        {
            foreach (var pair in joined.Trim('(', ')', '[', ']').Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    labels[pair[..colon]] = pair[(colon + 1)..];
                }
            }
        }

        foreach (var entry in fields?.Entries ?? [])
        {
            var key = entry.Key;
            var name = key.StartsWith("k8s.pod.label[", StringComparison.Ordinal) && key.EndsWith(']') ? key[14..^1]
                : key.StartsWith("k8s.pod.label.", StringComparison.Ordinal) ? key[14..]
                : null;
            if (name is not null && SensorValues.String(entry.Value) is { } value)
            {
                labels[name] = value;
            }
        }

        return labels;
    }

    // "O_RDWR|O_CREAT|O_CLOEXEC", sometimes with the number first: "66(O_RDWR|O_CREAT)".
    private static List<string> Flags(string? text)
    {
        if (text is null)
        {
            return [];
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        var inner = open >= 0 && text.EndsWith(')') ? text[(open + 1)..^1] : text;
        return [.. inner.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }

    // fd.name of a connection: "10.0.0.5:43210->93.184.216.34:443" (client->server).
    private static (string? ClientIp, long? ClientPort, string? ServerIp, long? ServerPort) Endpoints(string? fdName)
    {
        var arrow = fdName?.IndexOf("->", StringComparison.Ordinal) ?? -1;
        if (fdName is null || arrow < 0)
        {
            return (null, null, null, null);
        }

        var (clientIp, clientPort) = Endpoint(fdName[..arrow]);
        var (serverIp, serverPort) = Endpoint(fdName[(arrow + 2)..]);
        return (clientIp, clientPort, serverIp, serverPort);
    }

    private static (string? Ip, long? Port) Endpoint(string text)
    {
        var colon = text.LastIndexOf(':');
        if (colon <= 0)
        {
            return (text.Length > 0 ? text : null, null);
        }

        var ip = text[..colon].Trim('[', ']');
        return (ip, long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : null);
    }
}
