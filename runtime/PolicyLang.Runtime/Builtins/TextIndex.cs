// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Buffers;
using System.Text;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// String positions as policies see them: in Unicode code points (runes), not UTF-16 code units, so
/// <c>len("👍")</c> is 1 and indexes never split a character. ASCII and BMP strings take a fast path.
/// </summary>
internal static class TextIndex
{
    // A SearchValues set, not IndexOfAnyInRange: on this runtime (.NET 10, x86-64-v4) the range search allocated 96 bytes
    // per call, and every substring, length and index built-in asks this question.
    private static readonly SearchValues<char> Surrogates = SearchValues.Create(
        Enumerable.Range(0xD800, 0xE000 - 0xD800).Select(c => (char)c).ToArray());

    public static bool HasSurrogates(string s) => s.AsSpan().IndexOfAny(Surrogates) >= 0;

    /// <summary>The number of runes in <paramref name="s"/> (a lone surrogate counts as one).</summary>
    public static int RuneCount(string s)
    {
        if (!HasSurrogates(s))
        {
            return s.Length;
        }

        var count = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }

            count++;
        }

        return count;
    }

    /// <summary>The UTF-16 offset of rune number <paramref name="runeIndex"/> (clamped to the string).</summary>
    public static int CharOffset(string s, int runeIndex)
    {
        if (!HasSurrogates(s))
        {
            return Math.Clamp(runeIndex, 0, s.Length);
        }

        var i = 0;
        for (var r = 0; r < runeIndex && i < s.Length; r++)
        {
            i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
        }

        return i;
    }

    /// <summary>The rune index of UTF-16 offset <paramref name="charOffset"/>.</summary>
    public static int RuneIndex(string s, int charOffset)
    {
        if (!HasSurrogates(s))
        {
            return charOffset;
        }

        var r = 0;
        for (var i = 0; i < charOffset; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }

            r++;
        }

        return r;
    }

    /// <summary>Each rune of <paramref name="s"/> as its own string (invalid surrogates become U+FFFD).</summary>
    public static List<string> Runes(string s)
    {
        var result = new List<string>(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            result.Add(rune.ToString());
        }

        return result;
    }

    public static string? Utf8OrNull(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
