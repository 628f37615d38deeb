// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Adapters.Events;
using PolicyLang.Runtime.Adapters.Text;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Tests.Adapters;

/// <summary>When the event fast path is taken, what its direct reader accepts, and how its line splitter hands over.</summary>
public sealed class EventFastPathDecisionTests
{
    private const string Valid = """{"type":"open","time":"2024-03-14T15:00:00Z","proc":{"name":"cat","pid":42,"tty":false,"args":["a",null,1,true],"parent":{"pid":1}},"file":{"path":"/etc/shadow","flags":["O_RDONLY"]},"net":null,"k8s":{"labels":{"app":"web","none":null}},"ret":-3}""";

    [Theory]
    [InlineData("events.jsonl", SubjectKind.Event, DocumentFormat.Auto, true)]
    [InlineData("events.jsonl", null, DocumentFormat.Auto, true)]
    [InlineData("-", SubjectKind.Event, DocumentFormat.Auto, true)]
    [InlineData("events.json", SubjectKind.Event, DocumentFormat.Auto, true)]
    [InlineData("x.yaml", SubjectKind.Event, DocumentFormat.JsonLines, true)]
    [InlineData("x.yaml", SubjectKind.Event, DocumentFormat.Auto, false)]
    [InlineData("events.jsonl", SubjectKind.Event, DocumentFormat.Yaml, false)]
    [InlineData("events.jsonl", SubjectKind.Manifest, DocumentFormat.JsonLines, false)]
    [InlineData("events.jsonl", SubjectKind.Host, DocumentFormat.JsonLines, false)]
    public void The_fast_path_is_taken_for_event_or_detected_subjects_in_json_lines_or_detected_formats(string file, SubjectKind? subject, DocumentFormat format, bool expected) =>
        JsonLinesEventReader.Applies(new DocumentReaderOptions(), subject, file, format).ShouldBe(expected);

    [Fact]
    public void The_fast_path_is_not_taken_when_turned_off_or_when_limits_leave_no_room_for_an_event()
    {
        JsonLinesEventReader.Applies(new DocumentReaderOptions { ReadEventsDirectly = false }, SubjectKind.Event, "e.jsonl", DocumentFormat.JsonLines).ShouldBeFalse();
        JsonLinesEventReader.Applies(new DocumentReaderOptions { MaxDepth = 2 }, SubjectKind.Event, "e.jsonl", DocumentFormat.JsonLines).ShouldBeFalse();
        JsonLinesEventReader.Applies(new DocumentReaderOptions { MaxDepth = 3 }, SubjectKind.Event, "e.jsonl", DocumentFormat.JsonLines).ShouldBeTrue();
    }

    [Fact]
    public void The_direct_reader_maps_every_value_kind_of_a_valid_event()
    {
        var draft = Forced.TryRead(Encoding.UTF8.GetBytes(Valid)).ShouldNotBeNull();

        (draft.Type, draft.ProcName, draft.ProcPid, draft.ProcTty, draft.ParentPid, draft.FilePath, draft.Ret).ShouldBe(("open", "cat", (long?)42, (bool?)false, (long?)1, "/etc/shadow", (long?)-3));
        draft.Time.ShouldBe(new DateTimeOffset(2024, 3, 14, 15, 0, 0, TimeSpan.Zero));
        draft.ProcArgs.ShouldBe(["a", "1", "true"]);
        draft.FileFlags.ShouldBe(["O_RDONLY"]);
        draft.K8sLabels.ShouldBe(new Dictionary<string, string> { ["app"] = "web", ["none"] = string.Empty });
    }

    [Theory]
    [InlineData("""{"type":"open","extra":1}""", "an unknown field")]
    [InlineData("""{"type":"open","proc":{"pid":1,"ppid":2}}""", "an unknown nested field")]
    [InlineData("""{"type":"open","type":"execve"}""", "a repeated field")]
    [InlineData("""{"proc":{"pid":1,"pid":1}}""", "a repeated nested field")]
    [InlineData("""{"k8s":{"labels":{"a":"1","a":"2"}}}""", "a repeated label")]
    [InlineData("""{"ty\u0070e":"open"}""", "an escaped field name")]
    [InlineData("""{"type":["open"]}""", "a list for a string")]
    [InlineData("""{"proc":"bash"}""", "a string for a map")]
    [InlineData("""{"proc":{"args":"-c"}}""", "a string for a list")]
    [InlineData("""{"proc":{"args":[["x"]]}}""", "a list in a list of strings")]
    [InlineData("""{"ret":"3"}""", "a string for an integer")]
    [InlineData("""{"ret":3.0}""", "a float for an integer")]
    [InlineData("""{"ret":1e2}""", "an exponent for an integer")]
    [InlineData("""{"ret":9223372036854775808}""", "an integer over 64 bits")]
    [InlineData("""{"proc":{"tty":"true"}}""", "a string for a boolean")]
    [InlineData("""{"time":"yesterday"}""", "a time that is not RFC 3339")]
    [InlineData("""{"time":1710428400}""", "a number for a time")]
    [InlineData("""{"type":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""", "a string over the scalar limit")]
    [InlineData("""{"apiVersion":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""", "an unread string over the scalar limit")]
    [InlineData("""{"apiVersion":{"a":1}}""", "a map for apiVersion")]
    [InlineData("""{"process_exec":{"process":{}}}""", "a Tetragon event")]
    [InlineData("""{"output_fields":{},"rule":"r"}""", "a Falco alert")]
    [InlineData("""{"type":"open"} {}""", "a second value")]
    [InlineData("""{"type":"open",}""", "a trailing comma")]
    [InlineData("""{"type":"open" /* c */}""", "a comment")]
    [InlineData("""{"type":"\ud800"}""", "an escaped lone surrogate")]
    [InlineData("""{"type":"open""", "an unclosed object")]
    [InlineData("""["open"]""", "a list")]
    [InlineData("""null""", "a scalar")]
    public void The_direct_reader_declines_what_it_does_not_read_exactly_as_the_general_path(string line, string what) =>
        Forced.TryRead(Encoding.UTF8.GetBytes(line)).ShouldBeNull(what);

    [Fact]
    public void With_detected_subjects_only_events_that_name_themselves_are_read_directly()
    {
        var detecting = new EventJsonReader(maxScalarLength: 40, new Utf8StringCache(), mustNameItself: true);

        detecting.TryRead("""{"type":"open"}"""u8).ShouldBeNull();
        detecting.TryRead("""{"apiVersion":"policylang.io/v1","type":"open"}"""u8).ShouldBeNull();
        detecting.TryRead("""{"apiVersion":"v1","kind":"RuntimeEvent","type":"open"}"""u8).ShouldBeNull();
        detecting.TryRead("""{"type":"open","kind":"RuntimeEvent","apiVersion":"policylang.io/v1"}"""u8).ShouldNotBeNull().Type.ShouldBe("open");
        Forced.TryRead("""{"type":"open","kind":1,"apiVersion":null}"""u8).ShouldNotBeNull().Type.ShouldBe("open");
    }

    [Fact]
    public void The_direct_reader_maps_a_falco_alert_as_the_falco_mapper_does()
    {
        const string alert = """{"hostname":"w1","output":"o","output_fields":{"evt.type":"openat","fd.name":"/etc/shadow","proc.aname[2]":"sh","proc.pname":"bash","proc.pid":42,"user.uid":"0(root)","k8s.pod.label.app":"web","evt.is_open_read":true,"x":null,"y":1.5},"priority":"Warning","rule":"r","tags":["a","b"],"time":"2024-03-14T15:21:02.000000001Z","uuid":"u"}""";

        var draft = Alerts.TryRead(Encoding.UTF8.GetBytes(alert)).ShouldNotBeNull();

        (draft.Type, draft.Source, draft.Node, draft.FilePath, draft.ProcPid, draft.ProcUid, draft.FileRead).ShouldBe(("open", "falco", "w1", "/etc/shadow", (long?)42, (long?)0, (bool?)true));
        draft.Ancestors.ShouldBe(["bash", "sh"]);
        draft.K8sLabels["app"].ShouldBe("web");
        draft.Time.ShouldBe(new DateTimeOffset(2024, 3, 14, 15, 21, 2, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("""{"output_fields":{"evt.type":"execve"}}""", "no rule, priority or output: not an alert")]
    [InlineData("""{"rule":"r","output_fields":null}""", "output_fields not a map")]
    [InlineData("""{"rule":"r","output_fields":{"evt.type":"execve","evt.type":"open"}}""", "a repeated output field")]
    [InlineData("""{"rule":"r","rule":"s","output_fields":{}}""", "a repeated alert field")]
    [InlineData("""{"rule":"r","uuid":"a","uuid":"b","output_fields":{}}""", "a repeated unread field")]
    [InlineData("""{"rule":"r","output_fields":{"proc.args":["a"]}}""", "a list in output_fields")]
    [InlineData("""{"rule":"r","extra":{"a":1},"output_fields":{}}""", "a map outside output_fields")]
    [InlineData("""{"rule":"r","tags":[["a"]],"output_fields":{}}""", "a list in a list")]
    [InlineData("""{"rule":"r","time":"yesterday","output_fields":{}}""", "a bad time")]
    [InlineData("""{"rule":"r","hostname":{},"output_fields":{}}""", "a map for hostname")]
    [InlineData("""{"rule":"r","apiVersion":"v1","kind":"Pod","output_fields":{}}""", "apiVersion and kind (a manifest when detected)")]
    [InlineData("""{"rule":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","output_fields":{}}""", "an unread string over the scalar limit")]
    public void The_direct_reader_declines_alerts_it_does_not_read_exactly_as_the_general_path(string line, string what) =>
        Alerts.TryRead(Encoding.UTF8.GetBytes(line)).ShouldBeNull(what);

    [Fact]
    public void Lines_end_at_lf_crlf_or_cr_across_reads()
    {
        var lines = Split("a\r\nb\rc\n\nd\r\r\ne", readSize: 1);

        lines.ShouldBe([(1, "a"), (2, "b"), (3, "c"), (4, ""), (5, "d"), (6, ""), (7, "e")]);
        Split("a\n", readSize: 3).ShouldBe([(1, "a")]);
        Split("a\r", readSize: 3).ShouldBe([(1, "a")]);
        Split(string.Empty, readSize: 3).ShouldBeEmpty();
    }

    [Fact]
    public void A_line_longer_than_the_buffer_is_handed_over_with_everything_after_it()
    {
        var text = "short\n" + new string('x', 5000) + "\nnext\n";
        using var splitter = new Utf8LineSplitter(new MemoryStream(Encoding.UTF8.GetBytes(text)), maxBufferSize: 1024);
        splitter.ReadStart().ShouldBe(Utf8LineSplitter.Start.Utf8);
        splitter.Next(out _).ShouldBe(Utf8LineSplitter.LineStatus.Line);

        splitter.Next(out _).ShouldBe(Utf8LineSplitter.LineStatus.TooLong);

        splitter.CurrentLineNumber.ShouldBe(2);
        new StreamReader(splitter.ReplayCurrentLine()).ReadToEnd().ShouldBe(text[6..]);
    }

    [Fact]
    public void While_everything_is_kept_the_whole_stream_can_be_replayed()
    {
        var bytes = Encoding.UTF8.GetBytes("\uFEFF \n\t\n" + new string('y', 3000) + "\n");
        using var splitter = new Utf8LineSplitter(new TrickleStream(bytes), maxBufferSize: 1 << 20) { KeepAll = true };
        splitter.ReadStart().ShouldBe(Utf8LineSplitter.Start.Utf8WithByteOrderMark);
        while (splitter.Next(out _) == Utf8LineSplitter.LineStatus.Line)
        {
        }

        using var replay = new MemoryStream();
        splitter.ReplayAll().CopyTo(replay);
        replay.ToArray().ShouldBe(bytes);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE, 0x61, 0x00 }, "Other")]
    [InlineData(new byte[] { 0xFE, 0xFF, 0x00, 0x61 }, "Other")]
    [InlineData(new byte[] { 0x00, 0x00, 0xFE, 0xFF }, "Other")]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, 0x7B }, "Utf8WithByteOrderMark")]
    [InlineData(new byte[] { 0xEF, 0xBB }, "Utf8")]
    [InlineData(new byte[] { 0x7B, 0x7D }, "Utf8")]
    [InlineData(new byte[0], "Utf8")]
    public void Streams_that_may_not_be_utf8_are_left_to_the_text_reader(byte[] head, string expected)
    {
        using var splitter = new Utf8LineSplitter(new MemoryStream(head), maxBufferSize: 1024);

        splitter.ReadStart().ToString().ShouldBe(expected);
    }

    [Theory]
    [InlineData(new byte[] { 0x61, 0xC3, 0xA9 }, true)]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, true)]
    [InlineData(new byte[] { 0xEF, 0xBF, 0xBD }, true)]
    [InlineData(new byte[] { 0x61, 0x00 }, false)]
    [InlineData(new byte[] { 0xC3 }, false)]
    [InlineData(new byte[] { 0xC0, 0x80 }, false)]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 }, false)]
    [InlineData(new byte[] { 0xEF, 0xBF, 0xBF }, false)]
    public void Text_is_well_formed_utf8_without_nul_or_U_FFFF(byte[] line, bool expected) => TextBytes.IsText(line).ShouldBe(expected);

    [Fact]
    public void A_utf8_byte_order_mark_does_not_make_invalid_bytes_text()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "{\"type\":\"open\"}\n{\"type\":\"o"u8, 0xFF, .. "\"}\n"u8];

        foreach (var direct in new[] { true, false })
        {
            var items = new InputReader(new InputReaderOptions { Subject = SubjectKind.Event, Documents = new DocumentReaderOptions { ReadEventsDirectly = direct } })
                .ReadStream(new MemoryStream(bytes), "e.jsonl").ToList();

            items.Count.ShouldBe(2);
            var error = items[1].Message.ShouldNotBeNull();
            error.Text.ShouldStartWith("not a text file");
            (error.Line, error.Column).ShouldBe((2, 11));
        }
    }

    private static EventJsonReader Forced { get; } = new(maxScalarLength: 40, new Utf8StringCache(), mustNameItself: false);

    private static FalcoAlertJsonReader Alerts { get; } = new(maxScalarLength: 40, new Utf8StringCache());

    private static List<(int Number, string Text)> Split(string text, int readSize)
    {
        using var splitter = new Utf8LineSplitter(new TrickleStream(Encoding.UTF8.GetBytes(text), readSize), maxBufferSize: 1024);
        splitter.ReadStart();
        var lines = new List<(int, string)>();
        while (splitter.Next(out var line) == Utf8LineSplitter.LineStatus.Line)
        {
            lines.Add((splitter.CurrentLineNumber, Encoding.UTF8.GetString(line)));
        }

        return lines;
    }

    private sealed class TrickleStream(byte[] bytes, int readSize = 7) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override int Read(Span<byte> buffer)
        {
            var bytes = new byte[Math.Min(buffer.Length, readSize)];
            var read = base.Read(bytes, 0, bytes.Length);
            bytes.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
    }
}
