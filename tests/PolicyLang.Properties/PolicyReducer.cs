// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;

namespace PolicyLang.Properties;

/// <summary>
/// Minimizes a failing generated policy after CsCheck's shrinking: greedily deletes rules, clauses, statements and
/// blocks, unwraps blocks, and drops <c>when</c> / <c>at</c> parts and message holes, keeping each change that still
/// fails the same way. Works on the line layout the generator writes (two spaces per nesting level).
/// </summary>
internal static class PolicyReducer
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    /// <summary>The smallest variant found for which <paramref name="fails"/> still holds.</summary>
    public static string Reduce(string policy, Func<string, bool> fails)
    {
        var clock = Stopwatch.StartNew();
        var current = policy;
        var changed = true;
        while (changed && clock.Elapsed < Budget)
        {
            changed = false;
            foreach (var candidate in Candidates(current))
            {
                if (clock.Elapsed >= Budget)
                {
                    break;
                }

                if (candidate.Length < current.Length && fails(candidate))
                {
                    current = candidate;
                    changed = true;
                    break;
                }
            }
        }

        return current;
    }

    private static IEnumerable<string> Candidates(string policy)
    {
        var lines = policy.Split('\n');

        // Whole rules (from their annotation to the closing brace at column 0), then clauses, blocks and statements.
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("@severity", StringComparison.Ordinal) && End(lines, i + 1, 0) is { } end)
            {
                yield return Join(lines[..i], lines[(end + 1)..]);
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ').Length;
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('}') || indent == 0)
            {
                continue;
            }

            if (trimmed.StartsWith("except when", StringComparison.Ordinal) || (trimmed.StartsWith("when ", StringComparison.Ordinal) && indent == 2))
            {
                yield return Join(lines[..i], lines[(i + 1)..]);
                continue;
            }

            if (trimmed.EndsWith('{') && End(lines, i + 1, indent) is { } close)
            {
                yield return Join(lines[..i], lines[(close + 1)..]);
                var body = lines[(i + 1)..close].TakeWhile(l => !l.TrimStart().StartsWith("} else", StringComparison.Ordinal)).Select(l => l.Length >= 2 ? l[2..] : l);
                yield return Join(lines[..i], [.. body], lines[(close + 1)..]);
            }
            else
            {
                yield return Join(lines[..i], lines[(i + 1)..]);
            }

            foreach (var simpler in Simplifications(trimmed))
            {
                var copy = (string[])lines.Clone();
                copy[i] = new string(' ', indent) + simpler;
                yield return string.Join('\n', copy);
            }
        }
    }

    /// <summary>The same statement without its condition, its path, or its message's holes.</summary>
    private static IEnumerable<string> Simplifications(string statement)
    {
        var when = statement.LastIndexOf(" when ", StringComparison.Ordinal);
        if (when > 0 && !statement.StartsWith("for ", StringComparison.Ordinal) && !statement.StartsWith("if ", StringComparison.Ordinal))
        {
            yield return statement[..when];
        }

        if (MessageEnd(statement) is { } end)
        {
            var start = statement.IndexOf('"', StringComparison.Ordinal);
            yield return statement[..start] + "\"m\"" + statement[(end + 1)..];
            var at = statement.IndexOf(" at ", end, StringComparison.Ordinal);
            if (at > 0)
            {
                var stop = statement.IndexOf(" when ", at, StringComparison.Ordinal);
                yield return statement[..at] + (stop > 0 ? statement[stop..] : string.Empty);
            }
        }
    }

    /// <summary>The index of the closing quote of an action's message (quotes inside <c>{…}</c> holes do not close it).</summary>
    private static int? MessageEnd(string statement)
    {
        if (!(statement.StartsWith("deny \"", StringComparison.Ordinal) || statement.StartsWith("warn \"", StringComparison.Ordinal) || statement.StartsWith("audit \"", StringComparison.Ordinal)))
        {
            return null;
        }

        var depth = 0;
        for (var i = statement.IndexOf('"', StringComparison.Ordinal) + 1; i < statement.Length; i++)
        {
            switch (statement[i])
            {
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    break;
                case '"' when depth == 0:
                    return i;
            }
        }

        return null;
    }

    /// <summary>The line that closes a block opened before <paramref name="from"/> at the given indentation.</summary>
    private static int? End(string[] lines, int from, int indent)
    {
        for (var i = from; i < lines.Length; i++)
        {
            var line = lines[i];
            var lineIndent = line.Length - line.TrimStart(' ').Length;
            if (lineIndent == indent && line.Trim() == "}")
            {
                return i;
            }
        }

        return null;
    }

    private static string Join(params string[][] parts) => string.Join('\n', parts.SelectMany(p => p));
}
