// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>Policy text with a <c>|</c> cursor marker: the text without the marker and the cursor's LSP position.</summary>
internal sealed record AnnotatedText(string Text, Position Cursor)
{
    public static AnnotatedText Parse(string annotated)
    {
        var offset = annotated.IndexOf('|', StringComparison.Ordinal);
        if (offset < 0 || annotated.IndexOf('|', offset + 1) >= 0)
        {
            throw new ArgumentException("the text must hold exactly one | cursor marker", nameof(annotated));
        }

        var text = annotated.Remove(offset, 1);
        return new AnnotatedText(text, PositionOf(text, offset));
    }

    public static Position PositionOf(string text, int offset)
    {
        var line = 0;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return new Position(line, offset - lineStart);
    }

    /// <summary>The position of the first occurrence of a marker string, plus a shift within it.</summary>
    public static Position Find(string text, string marker, int shift = 0)
    {
        var offset = text.IndexOf(marker, StringComparison.Ordinal);
        if (offset < 0)
        {
            throw new ArgumentException($"'{marker}' is not in the text", nameof(marker));
        }

        return PositionOf(text, offset + shift);
    }
}
