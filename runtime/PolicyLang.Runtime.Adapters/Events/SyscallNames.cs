// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>
/// Maps kernel function and system call names, as Tetragon's kprobes, LSM hooks and tracepoints name them,
/// to PolicyLang's event types (<c>open</c>, <c>connect</c>, …), so that one rule covers every sensor.
/// </summary>
internal static class SyscallNames
{
    private static readonly string[] SyscallPrefixes = ["__x64_sys_", "__arm64_sys_", "__ia32_sys_", "__se_sys_", "__do_sys_", "__sys_", "ksys_", "sys_enter_", "sys_exit_", "sys_", "do_sys_"];

    private static readonly Dictionary<string, string> Functions = new(StringComparer.Ordinal)
    {
        ["fd_install"] = "open",
        ["security_file_open"] = "open",
        ["security_file_permission"] = "open",
        ["do_filp_open"] = "open",
        ["tcp_connect"] = "connect",
        ["security_socket_connect"] = "connect",
        ["inet_csk_accept"] = "accept",
        ["security_socket_accept"] = "accept",
        ["security_ptrace_access_check"] = "ptrace",
        ["security_sb_mount"] = "mount",
        ["path_mount"] = "mount",
        ["security_path_unlink"] = "unlink",
        ["do_unlinkat"] = "unlink",
        ["security_path_rename"] = "rename",
        ["security_path_chmod"] = "chmod",
        ["chmod_common"] = "chmod",
        ["do_init_module"] = "module_load",
        ["security_kernel_module_request"] = "module_load",
        ["security_kernel_load_data"] = "module_load",
        ["bpf_check"] = "bpf",
        ["security_bpf"] = "bpf",
        ["security_bpf_prog"] = "bpf",
        ["commit_creds"] = "setuid",
    };

    private static readonly Dictionary<string, string> Syscalls = new(StringComparer.Ordinal)
    {
        ["execve"] = "execve",
        ["execveat"] = "execve",
        ["open"] = "open",
        ["openat"] = "open",
        ["openat2"] = "open",
        ["creat"] = "open",
        ["connect"] = "connect",
        ["accept"] = "accept",
        ["accept4"] = "accept",
        ["setuid"] = "setuid",
        ["setreuid"] = "setuid",
        ["setresuid"] = "setuid",
        ["setgid"] = "setgid",
        ["setregid"] = "setgid",
        ["setresgid"] = "setgid",
        ["ptrace"] = "ptrace",
        ["mount"] = "mount",
        ["unlink"] = "unlink",
        ["unlinkat"] = "unlink",
        ["rename"] = "rename",
        ["renameat"] = "rename",
        ["renameat2"] = "rename",
        ["chmod"] = "chmod",
        ["fchmod"] = "chmod",
        ["fchmodat"] = "chmod",
        ["init_module"] = "module_load",
        ["finit_module"] = "module_load",
        ["bpf"] = "bpf",
    };

    /// <summary>The event type for a kernel function or system call name; the name itself when it is not one PolicyLang knows.</summary>
    public static string ToEventType(string name)
    {
        if (Functions.TryGetValue(name, out var type))
        {
            return type;
        }

        foreach (var prefix in SyscallPrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && Syscalls.TryGetValue(name[prefix.Length..], out var syscall))
            {
                return syscall;
            }
        }

        return Syscalls.GetValueOrDefault(name, name);
    }
}
