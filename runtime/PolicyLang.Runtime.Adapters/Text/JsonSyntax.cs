// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json;

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// Strict JSON syntax for documents that are JSON (JSON lines, <c>.json</c> files). The YAML parser that builds their
/// trees accepts YAML flow syntax too (<c>{"a": }</c>, unquoted keys, trailing commas), so a JSON typo would read as
/// an absent value; this check, a non-recursive scan, reports it instead, with its line and column.
/// </summary>
internal static class JsonSyntax
{
    /// <summary>The first syntax error of the text as one JSON value, with its 1-based line and column in the text; null when it is JSON.</summary>
    public static (string Message, int Line, int Column)? FindError(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = int.MaxValue, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
            }

            return null;
        }
        catch (JsonException e)
        {
            var line = (int)(e.LineNumber ?? 0);
            var column = ColumnOf(text, line, (int)(e.BytePositionInLine ?? 0));
            return (WithoutPosition(e.Message), line + 1, column);
        }
    }

    /// <summary>The 1-based character column of a byte position in a (0-based) line of the text.</summary>
    private static int ColumnOf(string text, int line, int bytePosition)
    {
        var start = 0;
        for (var i = 0; i < line && start >= 0; i++)
        {
            start = text.IndexOf('\n', start) is var next and >= 0 ? next + 1 : -1;
        }

        if (start < 0)
        {
            return bytePosition + 1;
        }

        var end = text.IndexOf('\n', start);
        var lineBytes = Encoding.UTF8.GetBytes(end < 0 ? text[start..] : text[start..end]);
        return Encoding.UTF8.GetCharCount(lineBytes, 0, Math.Min(bytePosition, lineBytes.Length)) + 1;
    }

    /// <summary>System.Text.Json appends " LineNumber: n | BytePositionInLine: m."; the place is reported separately.</summary>
    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at < 0 ? message : message[..at]).TrimEnd();
    }
}
