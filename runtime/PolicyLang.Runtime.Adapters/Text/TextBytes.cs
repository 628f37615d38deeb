// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Unicode;

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// The text check of <see cref="LineReader"/> on bytes: a line is text when it is well-formed UTF-8 without NUL and
/// without U+FFFF (the marker the text reader decodes invalid bytes to, so that character is refused there too).
/// </summary>
internal static class TextBytes
{
    private static ReadOnlySpan<byte> NonCharacterFFFF => [0xEF, 0xBF, 0xBF];

    public static bool IsText(ReadOnlySpan<byte> line)
    {
        if (line.Contains((byte)0))
        {
            return false;
        }

        return Ascii.IsValid(line) || (Utf8.IsValid(line) && line.IndexOf(NonCharacterFFFF) < 0);
    }

    /// <summary>The text of a line that <see cref="IsText"/> accepts, as the text reader decodes it.</summary>
    public static string Decode(ReadOnlySpan<byte> line) => Encoding.UTF8.GetString(line);
}
