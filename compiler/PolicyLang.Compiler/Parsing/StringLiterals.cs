// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Parsing;

/// <summary>String literal handling: escapes, interpolation parts, raw (triple-quoted) strings.</summary>
internal static class StringLiterals
{
    /// <summary>A piece of a string's content: raw text (still escaped) or the text inside <c>{…}</c>.</summary>
    public readonly record struct Part(string Text, int Offset, bool IsInterpolation);

    /// <summary>Splits string content (without the quotes) into text and interpolation parts, with offsets into the content.</summary>
    public static List<Part> Split(string content)
    {
        var parts = new List<Part>();
        var textStart = 0;
        var i = 0;
        while (i < content.Length)
        {
            var ch = content[i];
            if (ch == '\\')
            {
                i += 2;
                continue;
            }

            if (ch != '{')
            {
                i++;
                continue;
            }

            if (i > textStart)
            {
                parts.Add(new Part(content[textStart..i], textStart, false));
            }

            var end = MatchingBrace(content, i);
            parts.Add(new Part(content[(i + 1)..end], i + 1, true));
            i = end + 1;
            textStart = i;
        }

        if (textStart < content.Length || parts.Count == 0)
        {
            parts.Add(new Part(content[textStart..], textStart, false));
        }

        return parts;
    }

    /// <summary>Resolves escapes; invalid escapes are kept as written.</summary>
    public static string Unescape(string text) => UnescapeCore(text, null);

    /// <summary>Resolves escapes, reporting invalid ones at their place (<paramref name="start"/> is the text's offset in the file).</summary>
    public static string UnescapeReporting(string text, int start, SourceText source, List<Diagnostic> diagnostics) =>
        UnescapeCore(text, (offset, length, escape) => diagnostics.Add(DiagnosticCatalog.InvalidEscape(source, new TextSpan(start + offset, length), escape)));

    /// <summary>The value of a triple-quoted string: no escapes; a leading blank line, trailing blank line and common indentation are removed.</summary>
    public static string Raw(string token)
    {
        var content = token.Length >= 6 ? token[3..^3] : string.Empty;
        var lines = content.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 1 && string.IsNullOrWhiteSpace(lines[0]))
        {
            lines.RemoveAt(0);
        }

        if (lines.Count > 1 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var indent = lines.Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l.Length - l.TrimStart(' ', '\t').Length).DefaultIfEmpty(0).Min();
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' ', '\t'))) + (lines.Count > 1 ? "\n" : string.Empty);
    }

    private static int MatchingBrace(string content, int open)
    {
        var depth = 0;
        var i = open;
        while (i < content.Length)
        {
            var ch = content[i];
            if (ch == '"')
            {
                i++;
                while (i < content.Length && content[i] != '"')
                {
                    i += content[i] == '\\' ? 2 : 1;
                }
            }
            else if (ch == '{')
            {
                depth++;
            }
            else if (ch == '}')
            {
                depth--;
                if (depth == 0)
                {
                    return i;
                }
            }

            i++;
        }

        return content.Length;
    }

    private static string UnescapeCore(string text, Action<int, int, string>? report)
    {
        if (!text.Contains('\\', StringComparison.Ordinal))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch != '\\' || i + 1 >= text.Length)
            {
                builder.Append(ch);
                continue;
            }

            var next = text[i + 1];
            switch (next)
            {
                case '"' or '\\' or '/' or '{' or '}':
                    builder.Append(next);
                    i++;
                    break;
                case 'n':
                    builder.Append('\n');
                    i++;
                    break;
                case 'r':
                    builder.Append('\r');
                    i++;
                    break;
                case 't':
                    builder.Append('\t');
                    i++;
                    break;
                case 'b':
                    builder.Append('\b');
                    i++;
                    break;
                case 'f':
                    builder.Append('\f');
                    i++;
                    break;
                case '0':
                    builder.Append('\0');
                    i++;
                    break;
                case 'u' when i + 6 <= text.Length && int.TryParse(text.AsSpan(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                    builder.Append((char)code);
                    i += 5;
                    break;
                default:
                    report?.Invoke(i, 2, "\\" + next);
                    builder.Append(ch).Append(next);
                    i++;
                    break;
            }
        }

        return builder.ToString();
    }
}
