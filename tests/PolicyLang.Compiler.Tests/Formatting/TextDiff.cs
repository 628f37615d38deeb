// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;

namespace PolicyLang.Compiler.Tests.Formatting;

/// <summary>A small line diff (longest common subsequence) printed in the unified style, for assertion messages.</summary>
internal static class TextDiff
{
    private const int Context = 2;

    public static string Unified(string expected, string actual, string expectedName = "expected", string actualName = "actual")
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var lines = Lines(a, b);
        var output = new StringBuilder().Append("--- ").Append(expectedName).Append('\n').Append("+++ ").Append(actualName).Append('\n');
        var changed = lines.Select((l, i) => (l, i)).Where(x => x.l.Kind != ' ').Select(x => x.i).ToList();
        var shown = new HashSet<int>(changed.SelectMany(i => Enumerable.Range(i - Context, (2 * Context) + 1)));
        var previousShown = -2;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!shown.Contains(i))
            {
                continue;
            }

            if (i != previousShown + 1)
            {
                output.Append("@@ line ").Append(lines[i].Line).Append(" @@\n");
            }

            output.Append(lines[i].Kind).Append(Visible(lines[i].Text)).Append('\n');
            previousShown = i;
        }

        return output.ToString();
    }

    // Trailing spaces are the kind of difference one cannot see: mark them.
    private static string Visible(string line) => line.Length > 0 && line[^1] == ' ' ? line + "⏎" : line;

    private static List<(char Kind, string Text, int Line)> Lines(string[] a, string[] b)
    {
        var lengths = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var result = new List<(char, string, int)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                result.Add((' ', a[x], x + 1));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lengths[x, y + 1] >= lengths[x + 1, y]))
            {
                result.Add(('+', b[y], x + 1));
                y++;
            }
            else
            {
                result.Add(('-', a[x], x + 1));
                x++;
            }
        }

        return result;
    }
}
