// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Subjects;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Adapters;

public sealed class RuntimeEventTests
{
    private static List<InputItem> ReadFile(string name) => new InputReader().Read(TestData(name)).ToList();

    private static RuntimeEvent Event(InputItem item) => item.Event.ShouldNotBeNull(item.ToString());

    [Fact]
    public void Falco_shell_alert_maps_to_an_exec_event()
    {
        var e = Event(ReadFile("falco.jsonl")[0]);

        (e.Type, e.Source, e.Node).ShouldBe(("execve", "falco", "worker-1"));
        e.Time.ShouldBe(new DateTimeOffset(2024, 3, 14, 15, 20, 31, TimeSpan.Zero).AddTicks(1_234_567));
        (e.Proc.Name, e.Proc.Exe, e.Proc.Cmdline).ShouldBe(("bash", "/usr/bin/bash", "bash -il"));
        e.Proc.Args.ShouldBe(["-il"]);
        (e.Proc.Pid, e.Proc.Uid, e.Proc.User, e.Proc.Tty).ShouldBe((4200L, 0L, "root", (bool?)true));
        e.Proc.Parent.Name.ShouldBe("containerd-shim");
        e.Proc.Ancestors.ShouldBe(["containerd-shim"]);
        (e.Container.Id, e.Container.Name, e.Container.Image).ShouldBe(("3a8f2c1b9d4e", "web", "nginx:1.25"));
        (e.K8s.Namespace, e.K8s.Pod).ShouldBe(("shop", "web-7d9c8b5f4-x2x9k"));
        e.File.Path.ShouldBeNull();
        e.SourceDocument.ShouldNotBeNull().Line.ShouldBe(1);
    }

    [Fact]
    public void Falco_file_alert_maps_to_an_open_event_with_the_file()
    {
        var e = Event(ReadFile("falco.jsonl")[1]);

        e.Type.ShouldBe("open");
        (e.File.Path, e.File.Directory, e.File.Name).ShouldBe(("/etc/shadow", "/etc", "shadow"));
        e.File.Flags.ShouldBe(["O_RDONLY", "O_CLOEXEC"]);
        (e.File.Read, e.File.Write).ShouldBe(((bool?)true, (bool?)false));
        e.Proc.Ancestors.ShouldBe(["bash", "containerd-shim", "containerd"]);
        (e.Proc.Parent.Pid, e.Proc.Pid).ShouldBe(((long?)4200, (long?)4242));
        e.Container.Image.ShouldBe("docker.io/library/nginx:1.25");
        e.Time.ShouldBe(new DateTimeOffset(2024, 3, 14, 15, 21, 2, TimeSpan.Zero));
        e.SourceDocument.ShouldNotBeNull().Document.ShouldBe(1);
    }

    [Fact]
    public void Falco_connection_alert_maps_to_a_connect_event()
    {
        var e = Event(ReadFile("falco.jsonl")[2]);

        e.Type.ShouldBe("connect");
        (e.Net.Protocol, e.Net.SourceIp, e.Net.SourcePort, e.Net.DestIp, e.Net.DestPort, e.Net.Direction)
            .ShouldBe(("tcp", "10.0.0.5", (long?)43210, "93.184.216.34", (long?)443, "outbound"));
        e.Container.Id.ShouldBe("host");
        e.Proc.Args.ShouldBe(["https://example.com"]);
    }

    [Fact]
    public void Falco_write_flags_and_connection_name_are_parsed()
    {
        const string lines =
            """{"output":"o","priority":"Error","rule":"r","time":"2024-03-14T15:00:00Z","output_fields":{"evt.type":"openat","fd.type":"file","fd.name":"/etc/cron.d/evil","evt.arg.flags":"O_WRONLY|O_CREAT|O_TRUNC","proc.exe":"/bin/sh"}}""" + "\n" +
            """{"output":"o","priority":"Notice","rule":"r","output_fields":{"evt.type":"accept","fd.type":"ipv4","fd.name":"203.0.113.9:51000->10.0.0.7:22","evt.time":1710428400000000000}}""";

        var items = ReadItems(lines, "-");

        var open = Event(items[0]);
        (open.File.Read, open.File.Write).ShouldBe(((bool?)false, (bool?)true));
        (open.File.Directory, open.File.Name).ShouldBe(("/etc/cron.d", "evil"));
        open.Proc.Name.ShouldBe("sh");
        var accept = Event(items[1]);
        (accept.Type, accept.Net.Direction, accept.Net.SourceIp, accept.Net.DestPort).ShouldBe(("accept", "inbound", "203.0.113.9", (long?)22));
        accept.Time.ShouldBe(new DateTimeOffset(2024, 3, 14, 15, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void Tetragon_process_exec_maps_to_an_exec_event()
    {
        var e = Event(ReadFile("tetragon.jsonl")[0]);

        (e.Type, e.Source, e.Node).ShouldBe(("execve", "tetragon", "gke-john-632-default-pool-7041cac0-9s95"));
        (e.Proc.Exe, e.Proc.Name, e.Proc.Cmdline).ShouldBe(("/usr/bin/curl", "curl", "curl https://ebpf.io/applications/#tetragon"));
        e.Proc.Args.ShouldBe(["https://ebpf.io/applications/#tetragon"]);
        (e.Proc.Pid, e.Proc.Uid, e.Proc.Cwd).ShouldBe(((long?)52699, (long?)0, "/"));
        (e.Proc.Parent.Exe, e.Proc.Parent.Name, e.Proc.Parent.Pid).ShouldBe(("/bin/bash", "bash", (long?)52690));
        e.Proc.Ancestors.ShouldBe(["bash"]);
        e.Container.Id.ShouldBe("551e161c47d8ff0eb665438a7bcd5b4e3ef5a297282b40a92b7c77d6bd168eb3");
        (e.Container.Name, e.Container.Image).ShouldBe(("spaceship", "docker.io/tgraf/netperf:latest"));
        (e.K8s.Namespace, e.K8s.Pod).ShouldBe(("default", "xwing"));
        e.K8s.Labels["org"].ShouldBe("alliance");
        e.Time.ShouldBe(new DateTimeOffset(2023, 10, 6, 22, 3, 57, TimeSpan.Zero).AddTicks(7_003_266));
    }

    [Fact]
    public void Tetragon_file_kprobe_maps_to_an_open_event()
    {
        var e = Event(ReadFile("tetragon.jsonl")[1]);

        e.Type.ShouldBe("open");
        (e.File.Path, e.File.Directory, e.File.Name).ShouldBe(("/etc/passwd", "/etc", "passwd"));
        (e.File.Read, e.File.Write).ShouldBe(((bool?)true, (bool?)false));
        e.Ret.ShouldBe(0);
        e.Container.Id.ShouldBe("1f3a");
    }

    [Fact]
    public void Tetragon_tcp_connect_of_a_host_process_maps_to_a_connect_event()
    {
        var e = Event(ReadFile("tetragon.jsonl")[2]);

        e.Type.ShouldBe("connect");
        (e.Net.Protocol, e.Net.SourceIp, e.Net.SourcePort, e.Net.DestIp, e.Net.DestPort, e.Net.Direction)
            .ShouldBe(("tcp", "10.244.0.12", (long?)40588, "104.198.14.52", (long?)443, "outbound"));
        e.Container.Id.ShouldBe("host");
        (e.Proc.Uid, e.Proc.Parent.Name).ShouldBe(((long?)1000, "zsh"));
    }

    [Fact]
    public void Tetragon_process_exit_is_skipped_with_a_notice()
    {
        var message = ReadFile("tetragon.jsonl")[3].Message.ShouldNotBeNull();

        message.Level.ShouldBe(InputMessageLevel.Notice);
        message.Text.ShouldContain("process_exit");
        message.Line.ShouldBe(4);
    }

    [Fact]
    public void PolicyLang_event_fills_derived_fields()
    {
        const string line = """{"type": "open", "time": "2024-03-14T15:00:00+01:00", "proc": {"exe": "/usr/bin/python3", "cmdline": "python3 -c 'x'", "parent": {"exe": "/bin/sh"}}, "file": {"path": "/var/run/secrets/kubernetes.io/serviceaccount/token", "flags": ["O_RDWR"]}}""";

        var e = Event(ReadItems(line, "e.jsonl", SubjectKind.Event, DocumentFormat.JsonLines).Single());

        (e.Source, e.Proc.Name, e.Proc.Parent.Name).ShouldBe(("policylang", "python3", "sh"));
        e.Proc.Args.ShouldBe(["-c", "'x'"]);
        e.Proc.Ancestors.ShouldBe(["sh"]);
        (e.File.Directory, e.File.Name).ShouldBe(("/var/run/secrets/kubernetes.io/serviceaccount", "token"));
        (e.File.Read, e.File.Write).ShouldBe(((bool?)true, (bool?)true));
        e.Time.ShouldBe(new DateTimeOffset(2024, 3, 14, 14, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void PolicyLang_event_with_a_mistyped_field_is_an_error_naming_the_field()
    {
        const string lines = "{\"type\": \"execve\"}\n{\"type\": \"execve\", \"proc\": {\"pid\": \"abc\", \"args\": \"-c\"}}\n";

        var items = ReadItems(lines, "events.jsonl", SubjectKind.Event);

        items[0].Kind.ShouldBe(InputItemKind.Event);
        var errors = items.Skip(1).Select(i => i.Message.ShouldNotBeNull()).ToList();
        errors.Select(m => m.Text).ShouldBe([
            "/proc/pid: expected an integer, found the string 'abc'",
            "/proc/args: expected a list, found the string '-c'",
        ]);
        errors[0].ToString().ShouldBe($"events.jsonl:2:{Column(lines, 2, "\"abc\"")}: error: /proc/pid: expected an integer, found the string 'abc' (document 1)");
    }

    [Fact]
    public void Bad_time_is_an_error()
    {
        var message = ReadItems("{\"type\": \"execve\", \"time\": \"yesterday\"}", "-", SubjectKind.Event).Single().Message.ShouldNotBeNull();

        message.Text.ShouldStartWith("/time: expected a time (RFC 3339");
    }

    [Fact]
    public void Every_event_field_is_read_from_PolicyLang_json()
    {
        const string json = """
            {"type": "connect", "time": "2024-03-14T15:00:00Z", "source": "policylang", "node": "n1",
             "proc": {"name": "curl", "exe": "/usr/bin/curl", "cmdline": "curl x", "args": ["x"], "pid": 1, "uid": 2, "gid": 3,
                      "user": "app", "cwd": "/", "tty": false, "parent": {"name": "sh", "exe": "/bin/sh", "cmdline": "sh", "pid": 0},
                      "ancestors": ["sh", "containerd-shim"]},
             "file": {"path": "/a/b", "directory": "/a", "name": "b", "flags": ["O_RDONLY"], "read": true, "write": false},
             "net": {"protocol": "tcp", "sourceIp": "10.0.0.1", "sourcePort": 1000, "destIp": "10.0.0.2", "destPort": 443, "direction": "outbound"},
             "container": {"id": "abc", "name": "app", "image": "nginx:1.27", "privileged": false},
             "k8s": {"namespace": "shop", "pod": "web-1", "labels": {"app": "web"}, "serviceAccount": "web"},
             "ret": 0, "targetId": 0}
            """;

        var e = Event(ReadItems(json, "event.json", SubjectKind.Event).Single());

        SubjectFieldCoverage.AssertEveryFieldSet(e);
    }
}
