// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;

namespace PolicyLang.Runtime.Documents;

/// <summary>RFC 6901 JSON pointers: building, escaping, and resolving against documents.</summary>
public static class JsonPointer
{
    /// <summary>Escapes one reference token (<c>~</c> to <c>~0</c>, <c>/</c> to <c>~1</c>).</summary>
    public static string Escape(string token) =>
        token.Contains('~', StringComparison.Ordinal) || token.Contains('/', StringComparison.Ordinal)
            ? token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : token;

    public static string Unescape(string token) =>
        token.Contains('~', StringComparison.Ordinal)
            ? token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)
            : token;

    /// <summary>Appends a field name to a pointer.</summary>
    public static string Append(string pointer, string field) => pointer + "/" + Escape(field);

    /// <summary>Appends a list index to a pointer.</summary>
    public static string Append(string pointer, long index) => pointer + "/" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>Splits a pointer into unescaped reference tokens.</summary>
    public static IReadOnlyList<string> Split(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        return pointer.TrimStart('/').Split('/').Select(Unescape).ToArray();
    }

    /// <summary>
    /// Finds the node a pointer names, or the nearest existing ancestor when part of the path is absent.
    /// <paramref name="exact"/> tells which. For a map entry the key's position is returned.
    /// </summary>
    public static (int Line, int Column) Locate(DocNode root, string pointer, out bool exact)
    {
        DocNode current = root;
        var line = root.Line;
        var column = root.Column;
        exact = true;
        foreach (var token in Split(pointer))
        {
            if (current is DocMap map && map.TryGetEntry(token, out var entry))
            {
                current = entry.Value;
                line = entry.KeyLine;
                column = entry.KeyColumn;
            }
            else if (current is DocList list && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < list.Count)
            {
                current = list[index];
                line = current.Line;
                column = current.Column;
            }
            else
            {
                exact = false;
                break;
            }
        }

        return (line, column);
    }

    /// <summary>Converts a System.Text.Json error path (<c>$.spec.containers[0].image</c>) to a JSON pointer.</summary>
    public static string FromJsonPath(string? jsonPath)
    {
        if (string.IsNullOrEmpty(jsonPath) || jsonPath == "$")
        {
            return string.Empty;
        }

        var builder = new StringBuilder();
        var i = jsonPath.StartsWith('$') ? 1 : 0;
        while (i < jsonPath.Length)
        {
            var ch = jsonPath[i];
            if (ch == '.')
            {
                var end = i + 1;
                while (end < jsonPath.Length && jsonPath[end] != '.' && jsonPath[end] != '[')
                {
                    end++;
                }

                builder.Append('/').Append(Escape(jsonPath[(i + 1)..end]));
                i = end;
            }
            else if (ch == '[')
            {
                var end = jsonPath.IndexOf(']', i);
                if (end < 0)
                {
                    break;
                }

                var inner = jsonPath[(i + 1)..end].Trim('\'');
                builder.Append('/').Append(Escape(inner));
                i = end + 1;
            }
            else
            {
                i++;
            }
        }

        return builder.ToString();
    }
}
