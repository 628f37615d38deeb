// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;
using PolicyLang.LanguageServer.Protocol;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Utils;

/// <summary>
/// Converts LSP positions (0-based line, UTF-16 character) to the compiler's offsets and back. Positions outside
/// the text are clamped into it, so a request for a position past the end never fails.
/// </summary>
public static class PositionMapper
{
    /// <summary>The offset of a position; a character past the end of its line means the end of the line (before its break), as LSP says.</summary>
    public static int ToOffset(SourceText text, Position position)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= text.LineCount)
        {
            return text.Length;
        }

        var character = Math.Clamp(position.Character, 0, text.GetLineText(position.Line).Length);
        return text.GetOffset(new LinePosition(position.Line, character));
    }

    public static TextSpan ToSpan(SourceText text, Range range)
    {
        var start = ToOffset(text, range.Start);
        var end = ToOffset(text, range.End);
        return TextSpan.FromBounds(Math.Min(start, end), Math.Max(start, end));
    }

    public static Position ToPosition(SourceText text, int offset)
    {
        var position = text.GetLinePosition(offset);
        return new Position(position.Line, position.Character);
    }

    public static Range ToRange(SourceText text, TextSpan span) =>
        new(ToPosition(text, span.Start), ToPosition(text, Math.Max(span.Start, span.End)));
}
