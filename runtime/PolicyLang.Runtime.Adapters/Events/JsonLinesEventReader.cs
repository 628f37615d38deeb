// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters.Sources;
using PolicyLang.Runtime.Adapters.Text;
using PolicyLang.Runtime.Adapters.Yaml;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>
/// The fast path for event streams in JSON lines (<see cref="Applies"/> decides when it is taken): lines are split on
/// bytes in one pooled buffer (<see cref="Utf8LineSplitter"/>) and each event line is mapped straight from the JSON
/// reader (PolicyLang's own events: <see cref="EventJsonReader"/>; Falco alerts: <see cref="FalcoAlertJsonReader"/>),
/// with no string per line and no document tree. Whatever it does not fully
/// accept goes the general way with the same line number and document index: a line the direct reader declines is read
/// as a document and given to the <see cref="SubjectReader"/>; a line that is not text or does not fit the buffer hands
/// the rest of the stream to the <see cref="DocumentReader"/>, and so does, from the first byte, a stream that may not be
/// UTF-8 or whose detected format is not JSON lines. Every item is therefore the one the general path yields.
/// </summary>
internal sealed class JsonLinesEventReader
{
    private readonly DocumentReader _documents;
    private readonly SubjectReader _subjects;

    public JsonLinesEventReader(DocumentReader documents, SubjectReader subjects)
    {
        _documents = documents;
        _subjects = subjects;
    }

    /// <summary>
    /// True when a stream is read on this path: events are forced (<c>--subject event</c>) or subjects are detected (then
    /// only lines that name themselves PolicyLang events are mapped directly), the format is JSON lines or is detected
    /// (decided here from the first non-blank line, exactly as <see cref="DocumentChunker"/> does), and the limits leave
    /// room for an event's three levels of nesting.
    /// </summary>
    public static bool Applies(DocumentReaderOptions documents, SubjectKind? subject, string file, DocumentFormat format) =>
        documents.ReadEventsDirectly
        && subject is null or SubjectKind.Event
        && documents.MaxDepth >= 3
        && (format == DocumentFormat.Auto ? InputPaths.FormatOf(file) : format) is DocumentFormat.JsonLines or DocumentFormat.Auto;

    /// <summary>The items of a stream (not closed), as <c>InputReader.ReadStream</c> gives them.</summary>
    public IEnumerable<InputItem> Read(Stream stream, string file, DocumentFormat format)
    {
        using var session = new Session(this, stream, file, format);
        var items = new List<InputItem>();
        while (true)
        {
            items.Clear();
            var next = session.Step(items);
            foreach (var item in items)
            {
                yield return item;
            }

            if (next == Next.Line)
            {
                continue;
            }

            if (next != Next.End)
            {
                foreach (var item in session.HandOff(next))
                {
                    yield return item;
                }
            }

            yield break;
        }
    }

    private enum Next
    {
        /// <summary>Go on with the next line.</summary>
        Line,

        /// <summary>The stream has ended (or failed, and the failure is the last item).</summary>
        End,

        /// <summary>The general path reads the stream from its current line on.</summary>
        HandOffFromLine,

        /// <summary>The general path reads the whole stream.</summary>
        HandOffAll,
    }

    /// <summary>The state of one stream.</summary>
    private sealed class Session : IDisposable
    {
        private readonly JsonLinesEventReader _owner;
        private readonly Utf8LineSplitter _lines;
        private readonly string _file;
        private readonly DocumentFormat _format;
        private readonly DocumentReaderOptions _options;
        private readonly DocumentBuilder _builder;
        private readonly EventJsonReader _events;
        private readonly FalcoAlertJsonReader _alerts;
        private readonly List<DocumentResult> _results = [];
        private bool _started;
        private bool _detecting;
        private int _index;

        public Session(JsonLinesEventReader owner, Stream stream, string file, DocumentFormat format)
        {
            _owner = owner;
            _file = file;
            _format = format;
            _options = owner._documents.Options;
            // A line longer than this (1 MiB), and the rest of its stream, goes the general way.
            _lines = new Utf8LineSplitter(stream, _options.EventLineLimit);
            _builder = new DocumentBuilder(file, _options);
            var strings = new Utf8StringCache();
            _events = new EventJsonReader(_options.MaxScalarLength, strings, mustNameItself: owner._subjects.ForcedKind is null);
            _alerts = new FalcoAlertJsonReader(_options.MaxScalarLength, strings);

            // Until the format is known nothing may be dropped: a YAML stream goes to the general path from its first byte.
            _detecting = (format == DocumentFormat.Auto ? InputPaths.FormatOf(file) : format) == DocumentFormat.Auto;
            _lines.KeepAll = _detecting;
        }

        /// <summary>Reads one line and adds its items (none for a blank line); what to do next.</summary>
        public Next Step(List<InputItem> items)
        {
            Utf8LineSplitter.LineStatus status;
            ReadOnlySpan<byte> line;
            try
            {
                if (!_started)
                {
                    _started = true;
                    if (_lines.ReadStart() == Utf8LineSplitter.Start.Other)
                    {
                        return Next.HandOffAll;
                    }
                }

                status = _lines.Next(out line);
            }
            catch (IOException e)
            {
                // As DocumentReader: the rest of a stream that cannot be read cannot be trusted, one error ends it.
                var failure = new InputMessage(InputMessageLevel.Error, "cannot read the input: " + e.Message, _file, _index);
                items.AddRange(_owner._subjects.Read(new DocumentResult(new SourceDocument(_file, _index, failure.Line), null, failure)));
                return Next.End;
            }

            if (status == Utf8LineSplitter.LineStatus.End)
            {
                // Only blank lines (as JSON lines count them) and no format yet: a YAML stream may still see content in them.
                return _detecting ? Next.HandOffAll : Next.End;
            }

            if (status == Utf8LineSplitter.LineStatus.TooLong || !TextBytes.IsText(line))
            {
                return _detecting ? Next.HandOffAll : Next.HandOffFromLine;
            }

            if (_detecting)
            {
                var first = SourceLine.Of(TextBytes.Decode(line), _lines.CurrentLineNumber, _options.MaxDocumentLength + 1);
                if (DocumentChunker.IsBlank(first))
                {
                    return Next.Line;
                }

                if (DocumentChunker.FormatOfFirstLine(first) != DocumentFormat.JsonLines)
                {
                    return Next.HandOffAll;
                }

                _detecting = false;
                _lines.KeepAll = false;
            }

            if (line.Length <= _options.MaxDocumentLength && StartsObject(line) && (_events.TryRead(line) ?? _alerts.TryRead(line)) is { } draft)
            {
                items.Add(InputItem.ForEvent(draft.ToEvent(new SourceDocument(_file, _index, _lines.CurrentLineNumber))));
                _index++;
                return Next.Line;
            }

            var text = SourceLine.Of(TextBytes.Decode(line), _lines.CurrentLineNumber, _options.MaxDocumentLength + 1);
            if (DocumentChunker.JsonLineChunk(text, _options.MaxDocumentLength) is { } chunk)
            {
                _results.Clear();
                _index = _builder.Build(chunk, _index, _results);
                foreach (var result in _results)
                {
                    items.AddRange(_owner._subjects.Read(result));
                }
            }

            return Next.Line;
        }

        /// <summary>The general path's items for the rest of the stream.</summary>
        public IEnumerable<InputItem> HandOff(Next how)
        {
            var documents = how == Next.HandOffAll
                ? _owner._documents.Read(LineReader.FromStream(_lines.ReplayAll()), _file, _format)
                : _owner._documents.Read(LineReader.FromStream(_lines.ReplayCurrentLine(), _lines.CurrentLineNumber, detectByteOrderMark: false), _file, DocumentFormat.JsonLines, _index);
            return documents.SelectMany(_owner._subjects.Read);
        }

        public void Dispose() => _lines.Dispose();

        // The direct reader needs an object; JsonDocumentParser skips the same whitespace before one.
        private static bool StartsObject(ReadOnlySpan<byte> line)
        {
            var start = line.IndexOfAnyExcept((byte)' ', (byte)'\t');
            return start >= 0 && line[start] == '{';
        }
    }
}
