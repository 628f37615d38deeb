// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// Recognises, without copying it, a text whose only content is its first line and that line starts like a JSON object or
/// array: the general path reads such a text as one document from that line (as a JSON line, or as a YAML document whose
/// only content line is that JSON), so a JSON reader can take the line directly.
/// </summary>
internal static class SingleJsonText
{
    /// <summary>The first line of the text when the rest is blank, the text holds only text characters and is within the size limit; null otherwise.</summary>
    public static string? Line(string text, int maxDocumentLength)
    {
        // The line reader refuses NUL and U+FFFF (its marker for bytes that do not decode): the general path reports them.
        if (text.Length >= maxDocumentLength || text.AsSpan().IndexOfAny('\0', '\uFFFF') >= 0)
        {
            return null;
        }

        var firstNonBlank = text.AsSpan().IndexOfAnyExcept(" \t");
        if (firstNonBlank < 0 || text[firstNonBlank] is not ('{' or '['))
        {
            return null;
        }

        var lineEnd = text.AsSpan().IndexOfAny('\r', '\n');
        if (lineEnd < 0)
        {
            return text;
        }

        return text.AsSpan(lineEnd).IndexOfAnyExcept(" \t\r\n") < 0 ? text[..lineEnd] : null;
    }
}
