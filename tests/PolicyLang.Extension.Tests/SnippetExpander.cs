// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.RegularExpressions;

namespace PolicyLang.Extension.Tests;

/// <summary>
/// The text a VS Code snippet inserts when every placeholder keeps its default: <c>${1:x}</c> → x,
/// <c>${1|a,b|}</c> → a, <c>$1</c> and <c>${1}</c> → the text of placeholder 1, <c>$0</c> → nothing,
/// <c>\}</c>, <c>\$</c> and <c>\\</c> → the character.
/// </summary>
internal static partial class SnippetExpander
{
    public static string Expand(string body)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        var text = Parse(body, ref index, stopAt: null, values);
        return text;
    }

    private static string Parse(string body, ref int index, char? stopAt, Dictionary<string, string> values)
    {
        var output = new StringBuilder();
        while (index < body.Length)
        {
            var ch = body[index];
            if (ch == '\\' && index + 1 < body.Length && "$}\\,|".Contains(body[index + 1], StringComparison.Ordinal))
            {
                output.Append(body[index + 1]);
                index += 2;
            }
            else if (stopAt == ch)
            {
                return output.ToString();
            }
            else if (ch == '$')
            {
                var rest = body[index..];
                if (Simple().Match(rest) is { Success: true } simple)
                {
                    var id = simple.Groups[1].Success ? simple.Groups[1].Value : simple.Groups[2].Value;
                    output.Append(values.GetValueOrDefault(id, string.Empty));
                    index += simple.Length;
                }
                else if (Choice().Match(rest) is { Success: true } choice)
                {
                    var first = choice.Groups[2].Value.Split(',')[0];
                    values[choice.Groups[1].Value] = first;
                    output.Append(first);
                    index += choice.Length;
                }
                else if (Placeholder().Match(rest) is { Success: true } placeholder)
                {
                    index += placeholder.Length;
                    var value = Parse(body, ref index, '}', values);
                    index++; // the closing brace
                    values[placeholder.Groups[1].Value] = value;
                    output.Append(value);
                }
                else
                {
                    throw new FormatException($"unsupported snippet syntax at '{rest[..Math.Min(20, rest.Length)]}'");
                }
            }
            else
            {
                output.Append(ch);
                index++;
            }
        }

        return stopAt is null ? output.ToString() : throw new FormatException($"unclosed placeholder in: {body}");
    }

    [GeneratedRegex(@"^\$(\d+)|^\$\{(\d+)\}")]
    private static partial Regex Simple();

    [GeneratedRegex(@"^\$\{(\d+)\|([^|]*)\|\}")]
    private static partial Regex Choice();

    [GeneratedRegex(@"^\$\{(\d+):")]
    private static partial Regex Placeholder();
}
