// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters.Text;

namespace PolicyLang.Runtime.Tests.Adapters;

/// <summary>The one-scan recognition of a one-line JSON text gives what three scans gave, on generated texts.</summary>
public sealed class SingleJsonTextTests
{
    private const string Alphabet = "{[ \t\r\n\0\uFFFFa}";

    [Fact]
    public void Generated_texts_are_recognised_as_by_the_plain_rule()
    {
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var chars = new char[random.Next(0, 12)];
            for (var c = 0; c < chars.Length; c++)
            {
                chars[c] = Alphabet[random.Next(Alphabet.Length)];
            }

            var text = new string(chars);
            var limit = random.Next(4) == 0 ? random.Next(1, 12) : 1000;
            SingleJsonText.Line(text, limit).ShouldBe(Plain(text, limit), $"\"{text.Replace("\0", "\\0", StringComparison.Ordinal)}\" within {limit}");
        }
    }

    /// <summary>The rule spelled out: within the limit, no NUL or U+FFFF anywhere, a JSON opener first, and blank after the first line.</summary>
    private static string? Plain(string text, int maxDocumentLength)
    {
        if (text.Length >= maxDocumentLength || text.Contains('\0', StringComparison.Ordinal) || text.Contains('\uFFFF', StringComparison.Ordinal))
        {
            return null;
        }

        var trimmed = text.TrimStart(' ', '\t');
        if (trimmed.Length == 0 || trimmed[0] is not ('{' or '['))
        {
            return null;
        }

        var lineEnd = text.IndexOfAny(['\r', '\n']);
        return lineEnd < 0 ? text : text[lineEnd..].Trim(' ', '\t', '\r', '\n').Length == 0 ? text[..lineEnd] : null;
    }
}
