// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Buffers;

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// Splits a byte stream into lines (<c>\n</c>, <c>\r\n</c> or <c>\r</c>, as <see cref="LineReader"/> does) in one pooled
/// buffer, without decoding them: a line is a span of the buffer, valid until the next <see cref="Next"/>. A line that
/// does not fit the largest buffer is not split (<see cref="LineStatus.TooLong"/>): the caller hands the stream, from
/// that line on, to the text reader (<see cref="ReplayCurrentLine"/>); while <see cref="KeepAll"/> is set no byte is
/// dropped, so the whole stream read so far can be replayed (<see cref="ReplayAll"/>).
/// </summary>
internal sealed class Utf8LineSplitter : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly int _maxBufferSize;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanned;
    private int _lineStart;
    private bool _endOfStream;
    private bool _skipLineFeed;
    private bool _discarded;

    public Utf8LineSplitter(Stream stream, int maxBufferSize)
    {
        _stream = stream;
        _maxBufferSize = Math.Max(maxBufferSize, 16);
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBufferSize, _maxBufferSize));
    }

    /// <summary>What <see cref="Next"/> found.</summary>
    public enum LineStatus
    {
        /// <summary>A line (without its line break).</summary>
        Line,

        /// <summary>The end of the stream.</summary>
        End,

        /// <summary>A line longer than the largest buffer (or, with <see cref="KeepAll"/>, more input than it holds).</summary>
        TooLong,
    }

    /// <summary>What the stream starts with.</summary>
    public enum Start
    {
        /// <summary>UTF-8 without a byte order mark (or an empty stream).</summary>
        Utf8,

        /// <summary>The UTF-8 byte order mark, which is skipped as the text reader skips it.</summary>
        Utf8WithByteOrderMark,

        /// <summary>Bytes that may be another byte order mark (UTF-16 or UTF-32): only the text reader can decode them.</summary>
        Other,
    }

    /// <summary>While true, no byte read is dropped from the buffer, so that <see cref="ReplayAll"/> can give back everything.</summary>
    public bool KeepAll { get; set; }

    /// <summary>The 1-based number of the current line: the last one returned, or the one found too long.</summary>
    public int CurrentLineNumber { get; private set; }

    /// <summary>Reads the stream's first bytes and skips a UTF-8 byte order mark. Call once, before <see cref="Next"/>.</summary>
    public Start ReadStart()
    {
        while (_end < 3 && Fill())
        {
        }

        var head = _buffer.AsSpan(0, _end);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            _start = 3;
            return Start.Utf8WithByteOrderMark;
        }

        // FE FF and FF FE start UTF-16 (and UTF-32 LE) marks, 00 00 FE FF the UTF-32 BE one.
        return head.Length > 0 && head[0] is 0xFE or 0xFF or 0x00 ? Start.Other : Start.Utf8;
    }

    /// <summary>The next line, the end, or a line too long for the buffer. Stream errors (<see cref="IOException"/>) propagate.</summary>
    public LineStatus Next(out ReadOnlySpan<byte> line)
    {
        line = default;
        while (true)
        {
            if (_skipLineFeed)
            {
                if (_start == _end && !_endOfStream)
                {
                    if (!Fill() && !_endOfStream)
                    {
                        return TooLong();
                    }

                    continue;
                }

                // After a \r, a \n is part of the same line break.
                _skipLineFeed = false;
                if (_start < _end && _buffer[_start] == '\n')
                {
                    _start++;
                }
            }

            var pending = _buffer.AsSpan(_start + _scanned, _end - _start - _scanned);
            var found = pending.IndexOfAny((byte)'\n', (byte)'\r');
            if (found >= 0)
            {
                var length = _scanned + found;
                line = _buffer.AsSpan(_start, length);
                _skipLineFeed = _buffer[_start + length] == '\r';
                return Take(length + 1);
            }

            _scanned = _end - _start;
            if (_endOfStream)
            {
                if (_start == _end)
                {
                    return LineStatus.End;
                }

                line = _buffer.AsSpan(_start, _end - _start);
                return Take(_end - _start);
            }

            if (!Fill() && !_endOfStream)
            {
                return TooLong();
            }
        }
    }

    /// <summary>The current line's bytes and everything after them, as a stream (which does not close the underlying one).</summary>
    public Stream ReplayCurrentLine() => new ReplayStream(_buffer.AsSpan(_lineStart, _end - _lineStart).ToArray(), _stream);

    /// <summary>Every byte of the stream, from its first, as a stream. Only while <see cref="KeepAll"/> has always been set.</summary>
    public Stream ReplayAll() =>
        _discarded
            ? throw new InvalidOperationException("bytes were dropped: set KeepAll before reading")
            : new ReplayStream(_buffer.AsSpan(0, _end).ToArray(), _stream);

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private LineStatus Take(int consumed)
    {
        _lineStart = _start;
        _start += consumed;
        _scanned = 0;
        CurrentLineNumber++;
        return LineStatus.Line;
    }

    private LineStatus TooLong()
    {
        _lineStart = _start;
        CurrentLineNumber++;
        return LineStatus.TooLong;
    }

    /// <summary>Reads more bytes; false when the stream has ended, or when the buffer is full at its largest size.</summary>
    private bool Fill()
    {
        if (_end == _buffer.Length)
        {
            if (_start > 0 && !KeepAll)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
                _discarded = true;
            }
            else if (_buffer.Length >= _maxBufferSize)
            {
                return false;
            }
            else
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_maxBufferSize, _buffer.Length * 2));
                Buffer.BlockCopy(_buffer, 0, larger, 0, _end);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
            return false;
        }

        _end += read;
        return true;
    }
}
