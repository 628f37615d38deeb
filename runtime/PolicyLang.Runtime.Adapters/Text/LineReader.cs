// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// Reads lines (<c>\n</c>, <c>\r\n</c> or <c>\r</c>) with a bound on the memory one line may take, and rejects
/// binary input: a NUL character, or bytes that do not decode (to U+FFFF on purpose, <see cref="StrictDecoding"/>), stops reading with a
/// <see cref="NotTextException"/> that gives the exact line and column.
/// </summary>
internal sealed class LineReader
{
    private const char InvalidByteMarker = '\uFFFF';

    private readonly Func<TextReader> _open;
    private TextReader? _reader;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private readonly Stack<SourceLine> _pushedBack = new();
    private int _position;
    private int _length;
    private int _nextNumber;
    private bool _skipLineFeed;
    private bool _ended;
    private bool _lineStarted;

    /// <param name="reader">The text.</param>
    /// <param name="firstLine">The number of the reader's first line: above 1 when it goes on from where another reader stopped.</param>
    public LineReader(TextReader reader, int firstLine = 1)
        : this(() => reader, firstLine)
    {
    }

    // The reader is opened at the first read, so that a stream failing at once (or while its byte order mark is read)
    // fails where every read failure is reported.
    private LineReader(Func<TextReader> open, int firstLine)
    {
        _open = open;
        _nextNumber = firstLine;
    }

    /// <summary>Opens a byte stream as strict UTF-8 text (a byte order mark picks UTF-16 or UTF-32 instead).</summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="firstLine">The number of the stream's first line.</param>
    /// <param name="detectByteOrderMark">
    /// False for the rest of a stream whose start another reader has read: its bytes are UTF-8 and a leading
    /// EF BB BF is the character U+FEFF, not a byte order mark.
    /// </param>
    public static LineReader FromStream(Stream stream, int firstLine = 1, bool detectByteOrderMark = true) =>
        new(() => StrictDecoding.Open(stream, detectByteOrderMark), firstLine);

    /// <summary>Gives a line back so that the next <see cref="Read"/> returns it again.</summary>
    public void PushBack(SourceLine line) => _pushedBack.Push(line);

    /// <summary>Reads the next line, keeping at most <paramref name="maxLength"/> characters of it; null at the end.</summary>
    public SourceLine? Read(int maxLength)
    {
        if (_pushedBack.Count > 0)
        {
            return _pushedBack.Pop();
        }

        if (_ended)
        {
            return null;
        }

        _line.Clear();
        var length = 0;
        var number = _nextNumber;
        while (true)
        {
            if (_position == _length && !Fill())
            {
                _ended = true;
                return _lineStarted ? Finish() : null;
            }

            var ch = _buffer[_position];
            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (ch == '\n')
                {
                    _position++;
                    continue;
                }
            }

            _lineStarted = true;
            _position++;
            if (ch == '\n' || ch == '\r')
            {
                _skipLineFeed = ch == '\r';
                return Finish();
            }

            if (ch is '\0' or InvalidByteMarker)
            {
                throw new NotTextException(number, length + 1);
            }

            if (length < maxLength)
            {
                _line.Append(ch);
            }

            length++;
        }

        SourceLine Finish()
        {
            _nextNumber++;
            _lineStarted = false;
            var text = _line.ToString();
            if (_line.Capacity > 1024 * 1024)
            {
                // Do not keep a huge buffer alive after one long line.
                _line.Clear();
                _line.Capacity = 256;
            }

            return new SourceLine(text, number, length > maxLength, length);
        }
    }

    private bool Fill()
    {
        _reader ??= _open();
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
