// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Builtins;

namespace PolicyLang.Runtime.Scopes;

/// <summary>
/// A Kubernetes label selector in its string form: <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>,
/// <c>key in (a,b)</c>, <c>key notin (a,b)</c>, <c>key</c> (exists) and <c>!key</c> (does not exist), joined by commas.
/// </summary>
public sealed class LabelSelector
{
    // Bounded: selectors can come from input data (selectorMatches), so an unbounded cache would grow with it.
    private static readonly BoundedCache<string, LabelSelector> Cache = new(1024, StringComparer.Ordinal);

    private readonly IReadOnlyList<Requirement> _requirements;

    private LabelSelector(IReadOnlyList<Requirement> requirements)
    {
        _requirements = requirements;
    }

    private enum Operator
    {
        Equals,
        NotEquals,
        In,
        NotIn,
        Exists,
        DoesNotExist,
    }

    /// <summary>Parses a selector (cached).</summary>
    /// <exception cref="FormatException">The selector is malformed; the message says where.</exception>
    public static LabelSelector Parse(string selector) => Cache.GetOrAdd(selector, static s => new LabelSelector(ParseRequirements(s)));

    /// <summary>Parses a selector, or returns the error message.</summary>
    public static bool TryParse(string selector, out LabelSelector? result, out string? error)
    {
        try
        {
            result = Parse(selector);
            error = null;
            return true;
        }
        catch (FormatException e)
        {
            result = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>Builds a selector that requires every given label to equal its value (<c>matchLabels</c>).</summary>
    public static string FromMatchLabels(IEnumerable<KeyValuePair<string, string>> labels) =>
        string.Join(",", labels.Select(l => l.Key + "=" + l.Value));

    public bool Matches(IDictionary<string, string>? labels)
    {
        foreach (var r in _requirements)
        {
            string? value = null;
            var has = labels is not null && labels.TryGetValue(r.Key, out value);
            var ok = r.Op switch
            {
                Operator.Equals => has && r.Values.Contains(value),
                Operator.NotEquals => !has || !r.Values.Contains(value),
                Operator.In => has && r.Values.Contains(value),
                Operator.NotIn => !has || !r.Values.Contains(value),
                Operator.Exists => has,
                Operator.DoesNotExist => !has,
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static List<Requirement> ParseRequirements(string selector)
    {
        var result = new List<Requirement>();
        var i = 0;
        while (true)
        {
            SkipSpaces(selector, ref i);
            if (i >= selector.Length)
            {
                if (result.Count > 0 && selector.TrimEnd().EndsWith(','))
                {
                    throw new FormatException($"label selector '{selector}': a requirement is missing after the last comma");
                }

                return result;
            }

            var negated = selector[i] == '!';
            if (negated)
            {
                i++;
            }

            var key = ReadName(selector, ref i);
            if (key.Length == 0)
            {
                throw new FormatException($"label selector '{selector}': expected a label key at position {i + 1}");
            }

            SkipSpaces(selector, ref i);
            if (negated)
            {
                result.Add(new Requirement(key, Operator.DoesNotExist, []));
            }
            else if (i >= selector.Length || selector[i] == ',')
            {
                result.Add(new Requirement(key, Operator.Exists, []));
            }
            else if (Take(selector, ref i, "==") || Take(selector, ref i, "="))
            {
                result.Add(new Requirement(key, Operator.Equals, [ReadValue(selector, ref i)]));
            }
            else if (Take(selector, ref i, "!="))
            {
                result.Add(new Requirement(key, Operator.NotEquals, [ReadValue(selector, ref i)]));
            }
            else if (TakeWord(selector, ref i, "notin"))
            {
                result.Add(new Requirement(key, Operator.NotIn, ReadSet(selector, ref i)));
            }
            else if (TakeWord(selector, ref i, "in"))
            {
                result.Add(new Requirement(key, Operator.In, ReadSet(selector, ref i)));
            }
            else
            {
                throw new FormatException($"label selector '{selector}': expected '=', '!=', 'in' or 'notin' at position {i + 1}");
            }

            SkipSpaces(selector, ref i);
            if (i < selector.Length)
            {
                if (selector[i] != ',')
                {
                    throw new FormatException($"label selector '{selector}': expected ',' at position {i + 1}");
                }

                i++;
            }
        }
    }

    private static HashSet<string?> ReadSet(string s, ref int i)
    {
        SkipSpaces(s, ref i);
        if (!Take(s, ref i, "("))
        {
            throw new FormatException($"label selector '{s}': expected '(' at position {i + 1}");
        }

        var values = new HashSet<string?>(StringComparer.Ordinal);
        while (true)
        {
            values.Add(ReadValue(s, ref i));
            SkipSpaces(s, ref i);
            if (Take(s, ref i, ")"))
            {
                return values;
            }

            if (!Take(s, ref i, ","))
            {
                throw new FormatException($"label selector '{s}': expected ',' or ')' at position {i + 1}");
            }
        }
    }

    private static string ReadValue(string s, ref int i)
    {
        SkipSpaces(s, ref i);
        return ReadName(s, ref i);
    }

    private static string ReadName(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '-' or '_' or '.' or '/'))
        {
            i++;
        }

        return s[start..i];
    }

    private static void SkipSpaces(string s, ref int i)
    {
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }
    }

    private static bool Take(string s, ref int i, string token)
    {
        if (string.CompareOrdinal(s, i, token, 0, token.Length) == 0)
        {
            i += token.Length;
            return true;
        }

        return false;
    }

    private static bool TakeWord(string s, ref int i, string word)
    {
        var j = i;
        if (Take(s, ref j, word) && (j >= s.Length || !char.IsAsciiLetterOrDigit(s[j])))
        {
            i = j;
            return true;
        }

        return false;
    }

    private sealed record Requirement(string Key, Operator Op, HashSet<string?> Values);
}
