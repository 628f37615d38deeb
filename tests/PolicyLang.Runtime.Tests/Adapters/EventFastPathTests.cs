// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Tests.Adapters;

/// <summary>
/// Event streams in JSON lines are read on a fast path (lines split on bytes, events mapped straight from the JSON
/// reader); every item it yields (events field by field, messages with their places, the end-of-stream errors) must be
/// the one the general path (lines of text, document trees, subject mappers) yields for the same bytes.
/// </summary>
public sealed class EventFastPathTests
{
    public static TheoryData<string, SubjectKind?, DocumentFormat, int> Setups()
    {
        var data = new TheoryData<string, SubjectKind?, DocumentFormat, int>();
        foreach (var (file, format) in new[] { ("events.jsonl", DocumentFormat.Auto), ("-", DocumentFormat.Auto), ("events.json", DocumentFormat.Auto), ("-", DocumentFormat.JsonLines), ("x.yaml", DocumentFormat.JsonLines) })
        {
            foreach (var subject in new SubjectKind?[] { SubjectKind.Event, null })
            {
                foreach (var limits in new[] { 0, 1 })
                {
                    data.Add(file, subject, format, limits);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public void Generated_streams_read_the_same_on_both_paths(string file, SubjectKind? subject, DocumentFormat format, int limits)
    {
        var options = limits == 0
            ? new DocumentReaderOptions { EventLineLimit = 4096 }
            : new DocumentReaderOptions { MaxDocumentLength = 600, MaxScalarLength = 12, EventLineLimit = 300 };
        var generator = new EventStreamGenerator(seed: 1000 + (file.Length * 10) + (subject is null ? 1 : 0) + (int)format + (limits * 100));
        for (var i = 0; i < 150; i++)
        {
            var stream = generator.Stream(maxLines: 12);
            AssertSame(stream, file, subject, format, options, $"stream {i}: {Show(stream)}", readSize: i % 3 == 0 ? 1 + (i % 7) : 0);
        }
    }

    [Fact]
    public void Valid_events_of_every_shape_read_the_same_on_both_paths()
    {
        var generator = new EventStreamGenerator(seed: 7);
        var lines = Enumerable.Range(0, 2000).Select(_ => generator.NativeEvent()).ToList();
        var stream = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        AssertSame(stream, "events.jsonl", SubjectKind.Event, DocumentFormat.JsonLines, new DocumentReaderOptions(), "native events", readSize: 0);
        AssertSame(stream, "-", null, DocumentFormat.Auto, new DocumentReaderOptions(), "native events, detected", readSize: 0);
    }

    [Fact]
    public void Lines_longer_than_the_buffer_read_the_same_on_both_paths()
    {
        var big = new string('x', 1_200_000);
        var text = "{\"type\":\"open\"}\n{\"type\":\"" + big + "\"}\n{\"type\":\"execve\"}\n" + big + "\n{\"type\":\"connect\"}";
        AssertSame(Encoding.UTF8.GetBytes(text), "events.jsonl", SubjectKind.Event, DocumentFormat.JsonLines, new DocumentReaderOptions(), "huge lines", readSize: 0);
        AssertSame(Encoding.UTF8.GetBytes(new string(' ', 1_100_000) + "\n" + text), "-", SubjectKind.Event, DocumentFormat.Auto, new DocumentReaderOptions(), "huge blank line first", readSize: 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(17)]
    [InlineData(18)]
    [InlineData(40)]
    [InlineData(70)]
    public void A_stream_that_fails_gives_the_same_items_and_error_on_both_paths(int failAt)
    {
        var bytes = Encoding.UTF8.GetBytes("{\"type\":\"open\"}\r\n\n{\"type\":\"execve\"}\r{\"type\":\"connect\",\"ret\":0}\n{\"type\":\"bpf\"}\n");
        var options = new DocumentReaderOptions();
        var fast = Items(new FailingStream(bytes, failAt), "-", SubjectKind.Event, DocumentFormat.Auto, options);
        var general = Items(new FailingStream(bytes, failAt), "-", SubjectKind.Event, DocumentFormat.Auto, options with { ReadEventsDirectly = false });
        Describe(fast).ShouldBe(Describe(general));
        fast[^1].Message.ShouldNotBeNull().Text.ShouldStartWith("cannot read the input: ");
    }

    private static void AssertSame(byte[] stream, string file, SubjectKind? subject, DocumentFormat format, DocumentReaderOptions options, string what, int readSize)
    {
        var general = Items(new MemoryStream(stream), file, subject, format, options with { ReadEventsDirectly = false });
        var fast = Items(readSize > 0 ? new TrickleStream(stream, readSize) : new MemoryStream(stream), file, subject, format, options);
        var (expected, actual) = (Describe(general), Describe(fast));
        var first = Enumerable.Range(0, Math.Min(expected.Count, actual.Count)).FirstOrDefault(i => expected[i] != actual[i], Math.Min(expected.Count, actual.Count));
        if (first < expected.Count || first < actual.Count)
        {
            Assert.Fail($"{what}\nitem {first} of {expected.Count} (general) / {actual.Count} (fast) differs:\ngeneral: {(first < expected.Count ? expected[first] : "(none)")}\nfast:    {(first < actual.Count ? actual[first] : "(none)")}");
        }
    }

    private static List<InputItem> Items(Stream stream, string file, SubjectKind? subject, DocumentFormat format, DocumentReaderOptions options) =>
        [.. new InputReader(new InputReaderOptions { Subject = subject, Documents = options }).ReadStream(stream, file, format)];

    /// <summary>Each item as text: its kind and source, its message with level, text and place, or its event with every field.</summary>
    private static List<string> Describe(List<InputItem> items) =>
        [.. items.Select(item => $"{item.Kind} {item.Source} {item.Message} {item.Message?.Level} {item.Message?.Document} {item.Message?.Line}:{item.Message?.Column} "
            + (item.Event is { } e ? JsonSerializer.Serialize(e) + " " + e.SourceDocument : string.Empty))];

    private static string Show(byte[] stream) => stream.Length > 2000 ? Convert.ToHexString(stream, 0, 2000) + "…" : Convert.ToHexString(stream);

    /// <summary>A stream that gives at most a few bytes per read, so lines and characters cross buffer boundaries.</summary>
    private sealed class TrickleStream(byte[] bytes, int readSize) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, Position < 4 ? 4 : readSize));

        public override int Read(Span<byte> buffer) => ViaArray(this, buffer);
    }

    /// <summary>A stream that gives its first bytes, then fails.</summary>
    private sealed class FailingStream(byte[] bytes, int failAt) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) =>
            Position >= failAt ? throw new IOException("the device is gone") : base.Read(buffer, offset, (int)Math.Min(count, failAt - Position));

        public override int Read(Span<byte> buffer) => ViaArray(this, buffer);
    }

    private static int ViaArray(Stream stream, Span<byte> buffer)
    {
        var bytes = new byte[buffer.Length];
        var read = stream.Read(bytes, 0, bytes.Length);
        bytes.AsSpan(0, read).CopyTo(buffer);
        return read;
    }
}
