// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// Reads lines (<c>\n</c>, <c>\r\n</c> or <c>\r</c>) with a bound on the memory one line may take, and rejects
/// binary input: a NUL character, or bytes that are not UTF-8 (decoded to U+FFFF on purpose), stops reading with a
/// <see cref="NotTextException"/> that gives the exact line and column.
/// </summary>
internal sealed class LineReader
{
    private const char InvalidByteMarker = '\uFFFF';

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _line = new();
    private readonly Stack<SourceLine> _pushedBack = new();
    private int _position;
    private int _length;
    private int _nextNumber = 1;
    private bool _skipLineFeed;
    private bool _ended;
    private bool _lineStarted;

    public LineReader(TextReader reader)
    {
        _reader = reader;
    }

    /// <summary>Opens a byte stream as strict UTF-8 text (a byte order mark picks UTF-16 or UTF-32 instead).</summary>
    public static LineReader FromStream(Stream stream)
    {
        var encoding = (Encoding)new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).Clone();

        // Invalid bytes become U+FFFF, a noncharacter that YAML and JSON text never holds, so this reader can
        // refuse them at the exact place. (A NUL replacement string would be dropped by the decoder.)
        encoding.DecoderFallback = new DecoderReplacementFallback(InvalidByteMarker.ToString());
        return new LineReader(new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true));
    }

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
        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0;
    }
}
