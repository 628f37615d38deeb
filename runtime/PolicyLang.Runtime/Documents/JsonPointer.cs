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
    /// <paramref name="exact"/> tells which. For a map entry the key's position is returned. The tokens are those of
    /// <see cref="Split"/>, read in place: a finding's position costs no allocation unless a token needs unescaping
    /// or a map is large.
    /// </summary>
    public static (int Line, int Column) Locate(DocNode root, string pointer, out bool exact)
    {
        DocNode current = root;
        var line = root.Line;
        var column = root.Column;
        exact = true;
        if (pointer.Length == 0)
        {
            return (line, column);
        }

        // As Split: every leading '/' goes, then each '/' ends a token (so "/" is one empty token).
        var rest = pointer.AsSpan().TrimStart('/');
        while (true)
        {
            var end = rest.IndexOf('/');
            var token = end < 0 ? rest : rest[..end];
            if (current is DocMap map && TryGetEntry(map, token, out var entry))
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

            if (end < 0)
            {
                break;
            }

            rest = rest[(end + 1)..];
        }

        return (line, column);
    }

    /// <summary>A map's entry for an escaped reference token, as <see cref="DocMap.TryGetEntry"/> finds it for the unescaped key.</summary>
    private static bool TryGetEntry(DocMap map, ReadOnlySpan<char> token, out DocEntry entry)
    {
        const int LargeMap = 16;
        if (token.Contains('~') || map.Count > LargeMap)
        {
            return map.TryGetEntry(Unescape(token.ToString()), out entry);
        }

        // From the end: when a map was built with a key twice, its index holds the last one.
        var entries = map.Entries;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (token.SequenceEqual(entries[i].Key))
            {
                entry = entries[i];
                return true;
            }
        }

        entry = default;
        return false;
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
