// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Security.Cryptography;
using System.Text;

namespace PolicyLang.Compiler.Text;

/// <summary>The text of one source file with its path and a line-start table (built once, on first use).</summary>
public sealed class SourceText
{
    private int[]? _lineStarts;
    private string? _sha256;

    public SourceText(string path, string text)
    {
        Path = path;
        Text = text;
    }

    /// <summary>The file's path as given (used in diagnostics), or a synthetic name.</summary>
    public string Path { get; }

    public string Text { get; }

    public int Length => Text.Length;

    /// <summary>SHA-256 of the text (hex), for caches and bundle manifests.</summary>
    public string Sha256 => _sha256 ??= Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    public string this[TextSpan span] => Text.Substring(Math.Clamp(span.Start, 0, Text.Length), Math.Clamp(span.Length, 0, Math.Max(0, Text.Length - span.Start)));

    /// <summary>0-based line and character of an offset.</summary>
    public LinePosition GetLinePosition(int offset)
    {
        var starts = LineStarts;
        offset = Math.Clamp(offset, 0, Text.Length);
        var line = Array.BinarySearch(starts, offset);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new LinePosition(line, offset - starts[line]);
    }

    /// <summary>The offset of a 0-based line and character, clamped into the text.</summary>
    public int GetOffset(LinePosition position)
    {
        var starts = LineStarts;
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= starts.Length)
        {
            return Text.Length;
        }

        var lineEnd = position.Line + 1 < starts.Length ? starts[position.Line + 1] : Text.Length;
        return Math.Clamp(starts[position.Line] + Math.Max(0, position.Character), starts[position.Line], lineEnd);
    }

    public int LineCount => LineStarts.Length;

    /// <summary>The text of a 0-based line, without its line break.</summary>
    public string GetLineText(int line)
    {
        var starts = LineStarts;
        if (line < 0 || line >= starts.Length)
        {
            return string.Empty;
        }

        var end = line + 1 < starts.Length ? starts[line + 1] : Text.Length;
        return Text[starts[line]..end].TrimEnd('\r', '\n');
    }

    private int[] LineStarts => _lineStarts ??= ComputeLineStarts(Text);

    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}

/// <summary>A 0-based line and character (UTF-16 code units), as LSP uses them.</summary>
public readonly record struct LinePosition(int Line, int Character);
