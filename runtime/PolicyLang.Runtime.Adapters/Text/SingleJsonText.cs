// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Buffers;

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// Recognises, without copying it, a text whose only content is its first line and that line starts like a JSON object or
/// array: the general path reads such a text as one document from that line (as a JSON line, or as a YAML document whose
/// only content line is that JSON), so a JSON reader can take the line directly.
/// </summary>
internal static class SingleJsonText
{
    // A line end, or a character the line reader refuses (NUL, and U+FFFF, its marker for bytes that do not decode).
    private static readonly SearchValues<char> LineEndOrRefused = SearchValues.Create("\r\n\0\uFFFF");

    /// <summary>The first line of the text when the rest is blank, the text holds only text characters and is within the size limit; null otherwise.</summary>
    public static string? Line(string text, int maxDocumentLength)
    {
        if (text.Length >= maxDocumentLength)
        {
            return null;
        }

        var firstNonBlank = text.AsSpan().IndexOfAnyExcept(" \t");
        if (firstNonBlank < 0 || text[firstNonBlank] is not ('{' or '['))
        {
            return null;
        }

        // One scan of the line; the rest, if any, must be blank (which leaves no NUL or U+FFFF in it either).
        var stop = text.AsSpan(firstNonBlank).IndexOfAny(LineEndOrRefused);
        if (stop < 0)
        {
            return text;
        }

        var lineEnd = firstNonBlank + stop;
        if (text[lineEnd] is not ('\r' or '\n'))
        {
            return null; // the general path reports the character
        }

        return text.AsSpan(lineEnd).IndexOfAnyExcept(" \t\r\n") < 0 ? text[..lineEnd] : null;
    }
}
