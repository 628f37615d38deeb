// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Baselines;

/// <summary>
/// The 30 runtime detections of policies-stdlib/runtime (default parameters), hand-written in C# on
/// <see cref="RuntimeEvent"/>: a switch on the event type picks the rules that can apply, frozen sets hold the lists,
/// and messages are built only for an alert — the same rule ids and messages as the policies.
/// </summary>
public static class RuntimeDetectionBaseline
{
    private static readonly FrozenSet<string> Shells = Set("bash", "sh", "zsh", "dash", "ash", "ksh", "csh", "tcsh", "fish");
    private static readonly FrozenSet<string> PackageManagers = Set("apt", "apt-get", "dpkg", "yum", "dnf", "rpm", "apk", "zypper", "pip", "pip3", "npm", "gem");
    private static readonly FrozenSet<string> InteractiveTools = Set("cat", "head", "tail", "less", "more", "grep", "strings", "base64", "xxd", "curl", "wget");
    private static readonly FrozenSet<string> Servers = Set("nginx", "httpd", "apache2", "node", "java", "php-fpm", "python", "python3", "ruby", "uwsgi", "gunicorn", "tomcat");
    private static readonly FrozenSet<string> BinaryDirectories = Set("/bin", "/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin", "/usr/local/sbin", "/lib", "/usr/lib");
    private static readonly FrozenSet<string> SensitiveFiles = Set("/etc/shadow", "/etc/gshadow", "/etc/sudoers", "/etc/pam.conf", "/etc/security/opasswd", "/root/.ssh/authorized_keys");
    private static readonly string[] SensitiveDirectories = ["/etc/sudoers.d/", "/etc/pam.d/", "/root/.ssh/"];
    private static readonly FrozenSet<string> ShellConfigFiles = Set(".bashrc", ".bash_profile", ".bash_login", ".bash_logout", ".profile", ".zshrc", ".zprofile", ".kshrc");
    private static readonly FrozenSet<string> HistoryFiles = Set(".bash_history", ".zsh_history", ".ash_history", ".sh_history", ".python_history");
    private static readonly FrozenSet<string> CredentialReaders = Set(
        "sshd", "sudo", "su", "login", "passwd", "chpasswd", "useradd", "usermod", "userdel", "groupadd", "unix_chkpwd", "systemd", "cron", "crond", "vipw", "nscd");

    private static readonly FrozenSet<string> Miners = Set("xmrig", "minerd", "cpuminer", "ccminer", "ethminer", "nbminer", "t-rex", "lolminer", "xmr-stak");
    private static readonly FrozenSet<string> NetworkTools = Set("nc", "ncat", "netcat", "socat", "telnet");
    private static readonly FrozenSet<string> ReconTools = Set("nmap", "masscan", "zmap", "tcpdump", "tshark", "arp-scan");
    private static readonly FrozenSet<string> EscapeTools = Set("nsenter", "unshare", "chroot", "capsh", "pivot_root");
    private static readonly string[] TemporaryDirectories = ["/tmp/", "/var/tmp/", "/dev/shm/"];
    private static readonly FrozenSet<string> SshClients = Set("ssh", "sshd", "ssh-agent", "ssh-add", "scp", "sftp", "git", "rsync");
    private static readonly FrozenSet<string> MetadataAddresses = Set("169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200");
    private static readonly FrozenSet<long> MiningPorts = new long[] { 3333, 4444, 5555, 7777, 14433, 14444, 45560, 45700 }.ToFrozenSet();
    private static readonly FrozenSet<string> PrivilegeChangers = Set("sudo", "su", "sshd", "login", "cron", "crond", "systemd", "newgrp", "runuser");
    private static readonly FrozenSet<string> ModuleLoaders = Set("modprobe", "insmod", "kmod", "systemd-udevd", "systemd-modules-load");

    /// <summary>Checks one event, adding its alerts to <paramref name="findings"/>.</summary>
    public static void Check(RuntimeEvent e, List<FindingKey> findings)
    {
        switch (e.Type)
        {
            case "execve":
                Exec(e, findings);
                break;
            case "open":
                Open(e, findings);
                break;
            case "unlink" or "rename":
                if (In(HistoryFiles, e.File.Name))
                {
                    findings.Add(new("RT-019", null, $"{e.Proc.Name} removed the shell history {e.File.Path} in {Place(e)}"));
                }

                break;
            case "connect":
                Connect(e, findings);
                break;
            case "accept":
                if (InContainer(e) && e.Net.DestPort == 22)
                {
                    findings.Add(new("RT-025", null, $"{e.Proc.Name} in {Place(e)} accepted SSH from {e.Net.SourceIp}"));
                }

                break;
            case "setuid":
                if (e.TargetId == 0 && (e.Proc.Uid ?? 0) != 0 && !In(PrivilegeChangers, e.Proc.Name))
                {
                    findings.Add(new("RT-026", null, $"{e.Proc.Name} (uid {Number(e.Proc.Uid)}) changed to root in {Place(e)}"));
                }

                break;
            case "setgid":
                if (e.TargetId == 0 && (e.Proc.Gid ?? 0) != 0 && !In(PrivilegeChangers, e.Proc.Name))
                {
                    findings.Add(new("RT-027", null, $"{e.Proc.Name} (gid {Number(e.Proc.Gid)}) changed to the root group in {Place(e)}"));
                }

                break;
            case "ptrace":
                if (InContainer(e))
                {
                    findings.Add(new("RT-028", null, $"{e.Proc.Name} used ptrace in {Place(e)}"));
                }

                break;
            case "mount":
                if (InContainer(e))
                {
                    findings.Add(new("RT-029", null, $"{e.Proc.Cmdline} mounted a file system in {Place(e)}"));
                }

                break;
            case "module_load" or "bpf":
                if (InContainer(e) || (e.Type == "module_load" && !In(ModuleLoaders, e.Proc.Name)))
                {
                    findings.Add(new("RT-030", null, $"{e.Proc.Name} loaded kernel code ({e.Type}) in {Place(e)}"));
                }

                break;
        }
    }

    private static void Exec(RuntimeEvent e, List<FindingKey> findings)
    {
        var proc = e.Proc;
        var shell = In(Shells, proc.Name);
        var inContainer = InContainer(e);
        if (inContainer && shell && proc.Tty == true)
        {
            findings.Add(new("RT-001", null, $"interactive shell {proc.Cmdline} in {Place(e)} (parent {proc.Parent.Name}, user {proc.User})"));
        }

        if (shell && In(Servers, proc.Parent.Name))
        {
            findings.Add(new("RT-002", null, $"{proc.Parent.Name} started the shell {proc.Cmdline} in {Place(e)}"));
        }

        if (shell && proc.Cmdline is { } cmdline && (cmdline.Contains("/dev/tcp/", StringComparison.Ordinal) || cmdline.Contains("/dev/udp/", StringComparison.Ordinal)))
        {
            findings.Add(new("RT-003", null, $"reverse shell {proc.Cmdline} in {Place(e)}"));
        }

        if (inContainer)
        {
            if (In(PackageManagers, proc.Name))
            {
                findings.Add(new("RT-004", null, $"package manager {proc.Cmdline} in {Place(e)}"));
            }

            if (In(NetworkTools, proc.Name))
            {
                findings.Add(new("RT-005", null, $"network tool {proc.Cmdline} in {Place(e)}"));
            }

            if (In(ReconTools, proc.Name))
            {
                findings.Add(new("RT-007", null, $"reconnaissance tool {proc.Cmdline} in {Place(e)}"));
            }

            if (In(EscapeTools, proc.Name))
            {
                findings.Add(new("RT-008", null, $"namespace tool {proc.Cmdline} in {Place(e)}"));
            }

            if (StartsWithAny(proc.Exe, TemporaryDirectories))
            {
                findings.Add(new("RT-009", null, $"{proc.Exe} ran from a temporary directory in {Place(e)}"));
            }
        }

        if (In(Miners, proc.Name) || (proc.Cmdline?.Contains("stratum+tcp://", StringComparison.Ordinal) ?? false))
        {
            findings.Add(new("RT-006", null, $"cryptocurrency miner {proc.Cmdline} in {Place(e)}"));
        }

        if (e.Container.Privileged == true && shell)
        {
            findings.Add(new("RT-010", null, $"shell {proc.Cmdline} in privileged container {Place(e)}"));
        }
    }

    private static void Open(RuntimeEvent e, List<FindingKey> findings)
    {
        var file = e.File;
        var path = file.Path;
        var name = e.Proc.Name;
        if (file.Read == true)
        {
            if ((In(SensitiveFiles, path) || StartsWithAny(path, SensitiveDirectories)) && !In(CredentialReaders, name))
            {
                findings.Add(new("RT-011", null, $"{name} read {path} in {Place(e)} (command {e.Proc.Cmdline})"));
            }

            var inContainer = InContainer(e);
            if (inContainer && path is not null && path.StartsWith("/var/run/secrets/kubernetes.io/serviceaccount/", StringComparison.Ordinal) && (In(Shells, name) || In(InteractiveTools, name)))
            {
                findings.Add(new("RT-012", null, $"{name} read the service account token {path} in {Place(e)}"));
            }

            if (IsSshKey(path) && !In(SshClients, name))
            {
                findings.Add(new("RT-013", null, $"{name} read the SSH key {path} in {Place(e)}"));
            }

            if (inContainer && IsProcessEnvironment(path))
            {
                findings.Add(new("RT-020", null, $"{name} read {path} in {Place(e)}"));
            }
        }

        if (file.Write == true)
        {
            if (In(BinaryDirectories, file.Directory) && !In(PackageManagers, name))
            {
                findings.Add(new("RT-014", null, $"{name} wrote {path} below a binary directory in {Place(e)}"));
            }

            if (path is null)
            {
                return;
            }

            if (InContainer(e) && path.StartsWith("/etc/", StringComparison.Ordinal) && !In(PackageManagers, name))
            {
                findings.Add(new("RT-015", null, $"{name} wrote {path} in {Place(e)}"));
            }

            if (In(ShellConfigFiles, file.Name))
            {
                findings.Add(new("RT-016", null, $"{name} modified the shell configuration {path} in {Place(e)}"));
            }

            if (path.StartsWith("/etc/cron", StringComparison.Ordinal) || path.StartsWith("/var/spool/cron/", StringComparison.Ordinal))
            {
                findings.Add(new("RT-017", null, $"{name} modified the cron table {path} in {Place(e)}"));
            }

            if (path.StartsWith("/var/log/", StringComparison.Ordinal) && file.Flags.Contains("O_TRUNC"))
            {
                findings.Add(new("RT-018", null, $"{name} truncated {path} in {Place(e)}"));
            }
        }
    }

    private static void Connect(RuntimeEvent e, List<FindingKey> findings)
    {
        var net = e.Net;
        var name = e.Proc.Name;
        var inContainer = InContainer(e);
        var isPrivate = IsPrivate(net.DestIp);
        if (inContainer && net.Direction == "outbound" && !isPrivate && !IsLoopback(net.DestIp)
            && net.DestPort is not (53 or 80 or 443) && e.K8s.Namespace != "kube-system")
        {
            findings.Add(new("RT-021", null, $"{name} in {Place(e)} connected to {net.DestIp}:{Number(net.DestPort)}"));
        }

        if (inContainer && In(MetadataAddresses, net.DestIp))
        {
            findings.Add(new("RT-022", null, $"{name} in {Place(e)} connected to the metadata service {net.DestIp}"));
        }

        if (net.DestPort is { } port && MiningPorts.Contains(port) && !isPrivate)
        {
            findings.Add(new("RT-023", null, $"{name} in {Place(e)} connected to {net.DestIp}:{Number(net.DestPort)}, a mining pool port"));
        }

        if (inContainer && (net.DestPort == 6443 || (net.DestIp == "10.96.0.1" && net.DestPort == 443))
            && (In(Shells, name) || In(InteractiveTools, name) || name == "kubectl") && e.K8s.Namespace != "kube-system")
        {
            findings.Add(new("RT-024", null, $"{name} in {Place(e)} contacted the API server at {net.DestIp}:{Number(net.DestPort)}"));
        }
    }

    private static bool InContainer(RuntimeEvent e) => e.Container.Id is { } id && id != "host";

    private static string Place(RuntimeEvent e) => $"{e.K8s.Namespace}/{e.K8s.Pod} ({e.Container.Name})";

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static bool In(FrozenSet<string> set, string? value) => value is not null && set.Contains(value);

    private static bool StartsWithAny(string? text, string[] prefixes)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The globs /root/.ssh/id_* and /home/*/.ssh/id_*: '*' is any run of characters other than '/'.</summary>
    private static bool IsSshKey(string? path)
    {
        if (path is null)
        {
            return false;
        }

        const string root = "/root/.ssh/id_";
        if (path.StartsWith(root, StringComparison.Ordinal))
        {
            return path.IndexOf('/', root.Length) < 0;
        }

        if (!path.StartsWith("/home/", StringComparison.Ordinal))
        {
            return false;
        }

        var user = path.IndexOf('/', 6);
        return user >= 6 && string.CompareOrdinal(path, user, "/.ssh/id_", 0, 9) == 0 && path.IndexOf('/', user + 9) < 0;
    }

    /// <summary>^/proc/[0-9]+/environ$.</summary>
    private static bool IsProcessEnvironment(string? path)
    {
        if (path is null || !path.StartsWith("/proc/", StringComparison.Ordinal) || !path.EndsWith("/environ", StringComparison.Ordinal))
        {
            return false;
        }

        var digits = path.AsSpan(6, path.Length - 6 - 8);
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var ch in digits)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>RFC 1918 IPv4 or IPv6 unique local (fc00::/7); an IPv4-mapped IPv6 address counts as its IPv4 address.</summary>
    private static bool IsPrivate(string? text)
    {
        if (!TryAddress(text, out var address))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        if (length == 4)
        {
            return bytes[0] == 10 || (bytes[0] == 172 && (bytes[1] & 0xF0) == 16) || (bytes[0] == 192 && bytes[1] == 168);
        }

        return (bytes[0] & 0xFE) == 0xFC;
    }

    private static bool IsLoopback(string? text) => TryAddress(text, out var address) && IPAddress.IsLoopback(address);

    private static bool TryAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (text is null || !IPAddress.TryParse(text, out var parsed) || parsed is null)
        {
            return false;
        }

        address = parsed.IsIPv4MappedToIPv6 ? parsed.MapToIPv4() : parsed;
        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
    }

    private static FrozenSet<string> Set(params string[] values) => values.ToFrozenSet(StringComparer.Ordinal);
}
