// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters.Binding;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>Reads PolicyLang's own event JSON (field names as in <c>RuntimeEvent</c>).</summary>
internal static class NativeEventMapper
{
    public static EventDraft Read(DocMap root, FieldReader r)
    {
        var proc = r.Map(root, "proc", string.Empty);
        var parent = r.Map(proc, "parent", "/proc");
        var file = r.Map(root, "file", string.Empty);
        var net = r.Map(root, "net", string.Empty);
        var container = r.Map(root, "container", string.Empty);
        var k8s = r.Map(root, "k8s", string.Empty);
        return new EventDraft
        {
            Type = r.String(root, "type", string.Empty),
            Time = r.Time(root, "time", string.Empty),
            Source = r.String(root, "source", string.Empty),
            Node = r.String(root, "node", string.Empty),
            ProcName = r.String(proc, "name", "/proc"),
            ProcExe = r.String(proc, "exe", "/proc"),
            ProcCmdline = r.String(proc, "cmdline", "/proc"),
            ProcArgs = r.Strings(proc, "args", "/proc"),
            ProcPid = r.Integer(proc, "pid", "/proc"),
            ProcUid = r.Integer(proc, "uid", "/proc"),
            ProcGid = r.Integer(proc, "gid", "/proc"),
            ProcUser = r.String(proc, "user", "/proc"),
            ProcCwd = r.String(proc, "cwd", "/proc"),
            ProcTty = r.Boolean(proc, "tty", "/proc"),
            ParentName = r.String(parent, "name", "/proc/parent"),
            ParentExe = r.String(parent, "exe", "/proc/parent"),
            ParentCmdline = r.String(parent, "cmdline", "/proc/parent"),
            ParentPid = r.Integer(parent, "pid", "/proc/parent"),
            Ancestors = r.Strings(proc, "ancestors", "/proc"),
            FilePath = r.String(file, "path", "/file"),
            FileDirectory = r.String(file, "directory", "/file"),
            FileName = r.String(file, "name", "/file"),
            FileFlags = r.Strings(file, "flags", "/file"),
            FileRead = r.Boolean(file, "read", "/file"),
            FileWrite = r.Boolean(file, "write", "/file"),
            NetProtocol = r.String(net, "protocol", "/net"),
            NetSourceIp = r.String(net, "sourceIp", "/net"),
            NetSourcePort = r.Integer(net, "sourcePort", "/net"),
            NetDestIp = r.String(net, "destIp", "/net"),
            NetDestPort = r.Integer(net, "destPort", "/net"),
            NetDirection = r.String(net, "direction", "/net"),
            ContainerId = r.String(container, "id", "/container"),
            ContainerName = r.String(container, "name", "/container"),
            ContainerImage = r.String(container, "image", "/container"),
            ContainerPrivileged = r.Boolean(container, "privileged", "/container"),
            K8sNamespace = r.String(k8s, "namespace", "/k8s"),
            K8sPod = r.String(k8s, "pod", "/k8s"),
            K8sLabels = r.StringMap(k8s, "labels", "/k8s"),
            K8sServiceAccount = r.String(k8s, "serviceAccount", "/k8s"),
            Ret = r.Integer(root, "ret", string.Empty),
            TargetId = r.Integer(root, "targetId", string.Empty),
        };
    }
}
