// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;

namespace PolicyLang.Runtime.Adapters.Json;

/// <summary>Turns byte offsets of a JSON text into 1-based lines (from the text's first line in the file) and columns (in characters).</summary>
internal sealed class JsonPositions
{
    private readonly int _firstLine;
    private readonly byte[] _bytes;
    private readonly bool _isAscii;
    private int[]? _lineStarts;

    public JsonPositions(int firstLine, byte[] bytes, bool isAscii)
    {
        _firstLine = firstLine;
        _bytes = bytes;
        _isAscii = isAscii;
    }

    public (int Line, int Column) Of(int offset)
    {
        var starts = Volatile.Read(ref _lineStarts) ?? LineStarts();
        var index = 0;
        if (starts.Length > 1)
        {
            index = Array.BinarySearch(starts, offset);
            index = index >= 0 ? index : ~index - 1;
        }

        var lineStart = starts[index];
        var column = _isAscii ? offset - lineStart : Encoding.UTF8.GetCharCount(_bytes.AsSpan(lineStart, offset - lineStart));
        return (_firstLine + index, column + 1);
    }

    private int[] LineStarts()
    {
        var bytes = _bytes.AsSpan();
        var starts = new int[bytes.Count((byte)'\n') + 1];
        var line = 1;
        var at = 0;
        while (line < starts.Length && bytes[at..].IndexOf((byte)'\n') is var next and >= 0)
        {
            at += next + 1;
            starts[line++] = at;
        }

        return Interlocked.CompareExchange(ref _lineStarts, starts, null) ?? starts;
    }
}
