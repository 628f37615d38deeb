// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;

namespace PolicyLang.Runtime.Tests.Adapters;

/// <summary>
/// Random JSON-lines event streams for comparing the event fast path with the general path: valid events of every shape
/// the mappers know (PolicyLang's own with any subset of fields, in any order, with nulls and unusual but valid values;
/// Falco alerts; Tetragon events; manifests and AdmissionReviews) and lines broken in every way the readers must survive
/// (bad JSON, wrong types, unknown and repeated fields, escapes, huge lines and values, NUL, invalid UTF-8, U+FFFF,
/// blank lines of every whitespace), with LF, CRLF or CR line ends and optional byte order marks.
/// </summary>
internal sealed class EventStreamGenerator
{
    private static readonly string[] Types = ["execve", "open", "connect", "accept", "setuid", "setgid", "ptrace", "mount", "unlink", "rename", "chmod", "bpf"];
    private static readonly string[] Words = ["bash", "sh", "nginx", "/usr/bin/curl", "/etc/shadow", "O_RDONLY", "O_WRONLY", "O_RDWR", "O_CREAT", "10.0.0.7", "shop", "web-1", "app", "héllo wörld ✓", "tab\there", "quote\"d", "back\\slash", "emoji 😀", "", " ", "日本語", "-c", "id;uname -a"];
    private static readonly string[] Times =
    [
        "2026-11-20T10:00:00Z", "2026-11-20T10:00:00+00:00", "2026-11-20T10:00:00.1Z", "2026-11-20T10:00:00.0001+00:00",
        "2026-11-20T10:00:00.123456789Z", "2024-03-14T15:00:00+01:00", "2024-03-14T15:00:00.5-05:30", "2024-02-29T23:59:59.9999999Z",
        "2024-03-14 15:00:00Z", "2024-03-14", "yesterday", "2024-13-01T00:00:00Z", "2024-02-30T00:00:00Z", " 2024-03-14T15:00:00Z ",
        "2024-03-14T15:00:00z", "2024-03-14t15:00:00Z", "2024-03-14T15:00:60Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "2024-03-14T15:00:00.Z", "2024-03-14T15:00Z", "2024-03-14T15:00:00+0100", "20240314T150000Z", "2024-03-14T15:00:00.12345678901234Z",
    ];

    private static readonly string[] FixedLines =
    [
        """{"hostname":"worker-1","output":"o","output_fields":{"container.id":"3a8f2c1b9d4e","evt.type":"execve","proc.cmdline":"bash -il","proc.name":"bash","proc.pname":"containerd-shim","proc.pid":4200,"proc.tty":34816,"user.name":"root","user.uid":0},"priority":"Notice","rule":"Terminal shell in container","source":"syscall","time":"2024-03-14T15:20:31.123456789Z"}""",
        """{"output":"o","priority":"Error","rule":"r","time":"2024-03-14T15:00:00Z","output_fields":{"evt.type":"openat","fd.type":"file","fd.name":"/etc/cron.d/evil","evt.arg.flags":"O_WRONLY|O_CREAT|O_TRUNC","proc.exe":"/bin/sh"}}""",
        """{"output":"o","priority":"Notice","rule":"r","output_fields":{"evt.type":"accept","fd.type":"ipv4","fd.name":"203.0.113.9:51000->10.0.0.7:22","evt.time":1710428400000000000}}""",
        """{"process_exec":{"process":{"pid":52699,"uid":0,"cwd":"/","binary":"/usr/bin/curl","arguments":"https://ebpf.io/"},"parent":{"pid":52690,"binary":"/bin/bash"}},"node_name":"gke-1","time":"2023-10-06T22:03:57.700326678Z"}""",
        """{"process_exit":{"process":{"pid":1}},"node_name":"n","time":"2023-10-06T22:03:57Z"}""",
        """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"shop"},"spec":{"containers":[{"name":"a","image":"nginx"}]}}""",
        """{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}]}""",
        """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","operation":"CREATE","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}}}""",
        """{"apiVersion":"policylang.io/v1","kind":"HostFacts","node":"n1"}""",
        """{"apiVersion":"policylang.io/v1","kind":"Image","reference":"nginx:1.27"}""",
        """[1,"two",false]""", "\"just a string\"", "42", "null", "true", "{}", "[]", "{\"a\":}", "{\"type\":\"execve\",}", "{'type':'execve'}",
        "{\"type\":\"execve\"} trailing", "{\"type\":\"execve\"}{\"type\":\"open\"}", "{\"type\": \"execve\" /* c */}", "---", "key: value", "- item",
        "{\"type\":\"execve\",\"proc\":{\"parent\":{\"parent\":{}}}}", "{\"type\":\"\\ud800\"}", "{\"type\":\"\\u0000\"}", "{\"ty\\u0070e\":\"execve\"}",
        "{\"type\":\"execve\",\"type\":\"open\"}", "{\"k8s\":{\"labels\":{\"a\":\"1\",\"a\":\"2\"}}}", "{\"proc\":{\"pid\":1,\"pid\":2}}",
        "{\"type\":1e400}", "{\"ret\":-0}", "{\"ret\":1.0}", "{\"ret\":1.5}", "{\"ret\":1e2}", "{\"ret\":9223372036854775807}", "{\"ret\":9223372036854775808}",
        "{\"ret\":-9223372036854775808}", "{\"ret\":-9223372036854775809}", "{\"ret\":\"5\"}", "{\"ret\":true}", "{\"proc\":\"bash\"}", "{\"proc\":[]}",
        "{\"k8s\":{\"labels\":[]}}", "{\"k8s\":{\"labels\":{\"a\":null,\"b\":1,\"c\":true,\"d\":{}}}}", "{\"proc\":{\"args\":[null,1,true,\"x\",2.50]}}",
        "{\"proc\":{\"args\":[[\"x\"]]}}", "{\"proc\":{\"args\":\"-c\"}}", "{\"type\":{}}", "{\"type\":[]}", "{\"apiVersion\":{\"a\":1}}", "{\"kind\":[]}",
        "{\"apiVersion\":\"policylang.io/v1\",\"kind\":\"RuntimeEvent\",\"type\":\"execve\"}", "{\"apiVersion\":\"policylang.io/v1\",\"kind\":\"RuntimeEvent\",\"extra\":1}",
        "{\"apiVersion\":\"policylang.io/v1\",\"kind\":\"RuntimeEvent\",\"process_exec\":{}}", "{\"kind\":\"RuntimeEvent\",\"apiVersion\":\"policylang.io/v2\"}",
        "{\"apiVersion\":\"policylang.io/v1\",\"kind\":\"RuntimeEventList\"}", "{\"apiVersion\":\"policylang.io/v1\",\"kind\":\"Runtime\\u0045vent\"}",
        "{\"apiVersion\":1,\"kind\":null,\"type\":\"open\"}", "{\"type\":\"open\",\"output_fields\":{}, \"rule\":\"r\"}", "\t {\"type\":\"open\"}\t ",
        "\f{\"type\":\"open\"}", "{\"type\":\"open\"}\f", "\u00a0{\"type\":\"open\"}", "{\"type\":\"open\"\u00a0}", "{\"a\":1,\"b\":[true,null,1.5e-3,\"0x1F\",0,-12]}",
    ];

    private readonly Random _random;

    public EventStreamGenerator(int seed)
    {
        _random = new Random(seed);
    }

    /// <summary>A stream of up to <paramref name="maxLines"/> lines.</summary>
    public byte[] Stream(int maxLines)
    {
        var bytes = new List<byte>();
        var lineEnd = Pick(["\n", "\r\n", "\r", "mixed"]);
        var count = _random.Next(maxLines + 1);
        for (var i = 0; i < count; i++)
        {
            bytes.AddRange(Line());
            var end = lineEnd == "mixed" ? Pick(["\n", "\r\n", "\r", "\n\n", "\r\r\n"]) : lineEnd;
            if (i < count - 1 || _random.Next(2) == 0)
            {
                bytes.AddRange(Encoding.ASCII.GetBytes(end));
            }
        }

        return Prefix([.. bytes]);
    }

    /// <summary>One line's bytes (without a line end).</summary>
    public byte[] Line() => _random.Next(100) switch
    {
        < 33 => Encoding.UTF8.GetBytes(NativeEvent()),
        < 45 => Encoding.UTF8.GetBytes(_random.Next(4) == 0 ? Mistyped(FalcoAlert()) : FalcoAlert()),
        < 55 => Encoding.UTF8.GetBytes(Pick(FixedLines)),
        < 62 => Encoding.UTF8.GetBytes(Pick(["", " ", "\t", "  \t ", "\u00a0", "\f", "\v", "\u2028", "\u3000 ", "\u0085"])),
        < 80 => Encoding.UTF8.GetBytes(Mistyped(NativeEvent())),
        _ => Corrupt(Encoding.UTF8.GetBytes(_random.Next(3) == 0 ? Pick(FixedLines) : NativeEvent())),
    };

    /// <summary>PolicyLang's own event JSON: any subset of the fields, in any order, with valid values of every kind.</summary>
    public string NativeEvent()
    {
        var fields = new List<string>();
        Add(fields, "type", () => Quote(Pick(Types)));
        Add(fields, "time", () => Quote(Pick(Times)));
        Add(fields, "source", () => Quote(Pick(["policylang", "falco", "custom"])));
        Add(fields, "node", () => StringValue());
        Add(fields, "proc", () => Object(
            ("name", StringValue), ("exe", StringValue), ("cmdline", StringValue), ("args", Strings), ("pid", Integer), ("uid", Integer),
            ("gid", Integer), ("user", StringValue), ("cwd", StringValue), ("tty", Boolean),
            ("parent", () => Object(("name", StringValue), ("exe", StringValue), ("cmdline", StringValue), ("pid", Integer))),
            ("ancestors", Strings)));
        Add(fields, "file", () => Object(("path", StringValue), ("directory", StringValue), ("name", StringValue), ("flags", Strings), ("read", Boolean), ("write", Boolean)));
        Add(fields, "net", () => Object(("protocol", StringValue), ("sourceIp", StringValue), ("sourcePort", Integer), ("destIp", StringValue), ("destPort", Integer), ("direction", StringValue)));
        Add(fields, "container", () => Object(("id", StringValue), ("name", StringValue), ("image", StringValue), ("privileged", Boolean)));
        Add(fields, "k8s", () => Object(("namespace", StringValue), ("pod", StringValue), ("labels", Labels), ("serviceAccount", StringValue)));
        Add(fields, "ret", Integer);
        Add(fields, "targetId", Integer);
        if (_random.Next(3) == 0)
        {
            fields.Add("\"apiVersion\":" + Quote(Pick(["policylang.io/v1", "policylang.io/v1", "v1"])));
            fields.Add("\"kind\":" + Quote(Pick(["RuntimeEvent", "RuntimeEvent", "Pod"])));
        }

        Shuffle(fields);
        var space = _random.Next(4) == 0 ? " " : string.Empty;
        return space + "{" + string.Join("," + space, fields) + "}" + space;
    }

    /// <summary>A Falco alert: the alert's own fields in any order, output_fields of every kind Falco writes (and some it does not).</summary>
    public string FalcoAlert()
    {
        var output = new List<string>();
        var names = new[]
        {
            "evt.type", "evt.time", "evt.rawtime", "evt.res", "evt.rawres", "evt.arg.flags", "evt.arg.uid", "evt.arg.gid", "evt.is_open_read", "evt.is_open_write",
            "fd.type", "fd.name", "fd.directory", "fd.filename", "fd.cip", "fd.cport", "fd.sip", "fd.sport", "fd.l4proto", "fs.path.name",
            "proc.name", "proc.exepath", "proc.exe", "proc.cmdline", "proc.args", "proc.pid", "proc.tty", "proc.cwd", "proc.pname", "proc.pexepath",
            "proc.pcmdline", "proc.ppid", "proc.aname[2]", "proc.aname[3]", "proc.aname[1]", "proc.aname[x]", "user.uid", "user.name", "group.gid",
            "container.id", "container.name", "container.image", "container.image.repository", "container.image.tag", "container.image.digest",
            "container.privileged", "k8s.ns.name", "k8s.pod.name", "k8s.pod.labels", "k8s.pod.label[app]", "k8s.pod.label.tier", "k8s.pod.label[app]x",
        };
        foreach (var name in names)
        {
            if (_random.Next(3) == 0)
            {
                output.Add(Quote(name) + ":" + FalcoValue(name));
            }
        }

        Shuffle(output);
        var fields = new List<string> { "\"output_fields\":{" + string.Join(",", output) + "}" };
        Add(fields, "output", () => Quote("15:20:31.123456789: Notice A shell was spawned " + Pick(Words)));
        Add(fields, "priority", () => Quote(Pick(["Notice", "Warning", "Error", "Critical"])));
        Add(fields, "rule", () => Quote(Pick(["Terminal shell in container", "Read sensitive file untrusted"])));
        Add(fields, "source", () => Quote("syscall"));
        Add(fields, "tags", Strings);
        Add(fields, "time", () => Quote(Pick(Times)));
        Add(fields, "hostname", StringValue);
        Add(fields, "uuid", () => Quote("0e9d6b5a-1c2f-4b3e-9a8d-7c6b5a4f3e2d"));
        Shuffle(fields);
        return "{" + string.Join(",", fields) + "}";
    }

    private string FalcoValue(string name) => _random.Next(12) switch
    {
        0 => "null",
        1 => Pick(["true", "false", "\"true\"", "\"False\"", "0", "34816"]),
        2 => Pick(["-1", "0", "4242", "\"0(root)\"", "\"-2(ENOENT)\"", "1.5", "1710429631123456789", "99999999999999999999", "\"\"", "\"x\""]),
        _ => name switch
        {
            "evt.type" => Quote(Pick(["execve", "openat", "openat2", "connect", "accept4", "setuid", "setresgid", "unlinkat", "renameat2", "init_module", "bpf"])),
            "evt.arg.flags" => Quote(Pick(["O_RDONLY|O_CLOEXEC", "O_WRONLY|O_CREAT|O_TRUNC", "66(O_RDWR|O_CREAT)", "O_RDWR"])),
            "fd.type" => Quote(Pick(["file", "directory", "ipv4", "ipv6", "unix", "pipe"])),
            "fd.name" => Quote(Pick(["/etc/shadow", "10.0.0.5:43210->93.184.216.34:443", "[::1]:80->[::2]:8080", "pipe:[1]", "/tmp/x"])),
            "k8s.pod.labels" => Quote(Pick(["(app:web,tier:front)", "[app:web]", "app", "(a:1,b)"])),
            "evt.res" => Quote(Pick(["SUCCESS", "ENOENT"])),
            _ => StringValue(),
        },
    };

    /// <summary>A valid event with one field given a value of another kind, an unknown field, or a repeated one.</summary>
    private string Mistyped(string json)
    {
        var bad = Pick(["1.5", "2.0", "-1e3", "99999999999999999999", "\"5\"", "\"true\"", "true", "null", "{}", "[]", "[1]", "{\"a\":\"b\"}", "\"\"", "\"2024-03-14T15:00:00Z\""]);
        var field = Pick(["type", "time", "ret", "targetId", "proc", "file", "k8s", "extra", "process_exec", "output_fields", "rule", "apiVersion", "kind"]);
        return _random.Next(3) switch
        {
            0 => "{\"" + field + "\":" + bad + "," + json.Trim()[1..],
            1 => json.Replace("\"pid\":", "\"pid\":" + bad + ",\"x\":", StringComparison.Ordinal),
            _ => json.Replace("\"labels\":{", "\"labels\":{\"k\":" + bad + ",", StringComparison.Ordinal)
                .Replace("\"flags\":[", "\"flags\":[" + bad + ",", StringComparison.Ordinal)
                .Replace("\"tty\":", "\"tty\":" + bad + ",\"tty\":", StringComparison.Ordinal),
        };
    }

    /// <summary>Cuts, flips, or inserts bytes that are not text (NUL, invalid UTF-8, U+FFFF) or that break the JSON.</summary>
    private byte[] Corrupt(byte[] line)
    {
        var bytes = line.ToList();
        var at = _random.Next(bytes.Count + 1);
        switch (_random.Next(8))
        {
            case 0:
                return [.. bytes.Take(at)];
            case 1:
                bytes.Insert(at, 0);
                break;
            case 2:
                bytes.InsertRange(at, Pick<byte[]>([[0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]]));
                break;
            case 3:
                bytes.InsertRange(at, [0xEF, 0xBF, 0xBF]);
                break;
            case 4:
                bytes.InsertRange(at, [0xEF, 0xBB, 0xBF]);
                break;
            case 5:
                if (bytes.Count > 0)
                {
                    bytes[Math.Min(at, bytes.Count - 1)] = Pick("{}[]:,\"\\ x0"u8.ToArray());
                }

                break;
            case 6:
                // A long value: over small scalar and document limits, sometimes over the fast path's buffer.
                bytes.InsertRange(Math.Min(at, bytes.Count), Encoding.UTF8.GetBytes(new string('a', Pick([100, 5_000, 70_000]))));
                break;
            default:
                bytes.InsertRange(at, Encoding.UTF8.GetBytes(Pick(["\"", "\\", "\\u12", "é", "\u2028", "\t", "}", "]"])));
                break;
        }

        return [.. bytes];
    }

    private byte[] Prefix(byte[] stream) => _random.Next(12) switch
    {
        0 => [0xEF, 0xBB, 0xBF, .. stream],
        1 => [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. stream],
        2 => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(stream))],
        3 => [.. Encoding.BigEndianUnicode.GetPreamble(), .. Encoding.BigEndianUnicode.GetBytes(Encoding.UTF8.GetString(stream))],
        4 => [.. Encoding.UTF32.GetPreamble(), .. Encoding.UTF32.GetBytes(Encoding.UTF8.GetString(stream))],
        5 => [0xFE, .. stream],
        _ => stream,
    };

    private void Add(List<string> fields, string name, Func<string> value)
    {
        if (_random.Next(5) != 0)
        {
            fields.Add(Quote(name) + ":" + (_random.Next(15) == 0 ? "null" : value()));
        }
    }

    private string Object(params (string Name, Func<string> Value)[] members)
    {
        var fields = new List<string>();
        foreach (var (name, value) in members)
        {
            Add(fields, name, value);
        }

        Shuffle(fields);
        return "{" + string.Join(",", fields) + "}";
    }

    private string StringValue() => _random.Next(30) switch
    {
        0 => Pick(["1", "-2", "0", "true", "false", "3.25"]),
        1 => "\"" + Pick(["\\u00e9t\\u00e9", "a\\/b", "line\\nbreak", "\\ud83d\\ude00"]) + "\"",
        _ => Quote(Pick(Words)),
    };

    private string Integer() => Pick(["0", "1", "-1", "4242", "65535", "9007199254740993", "-9223372036854775808", "9223372036854775807"]);

    private string Boolean() => Pick(["true", "false"]);

    private string Strings() => "[" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(_ => _random.Next(25) == 0 ? "null" : StringValue())) + "]";

    private string Labels() => "{" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(i => Quote(Pick(["app", "tier", "app.kubernetes.io/name", "é"]) + i.ToString(CultureInfo.InvariantCulture)) + ":" + StringValue())) + "}";

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal) + "\"";

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    private void Shuffle(List<string> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
