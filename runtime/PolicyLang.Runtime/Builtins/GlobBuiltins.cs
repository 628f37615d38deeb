// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Glob matching for path-like strings. A glob is translated once into a regular expression and run on the same
/// linear-time engine as the regex built-ins (cached), so matching is linear in the input whatever the pattern.
/// Syntax: <c>*</c> any run of characters within a segment, <c>**</c> any run across segments (<c>a/**/b</c> also
/// matches <c>a/b</c>; <c>a/**</c> also matches <c>a</c>), <c>?</c> one character within a segment, <c>[abc]</c>,
/// <c>[a-z]</c>, <c>[!abc]</c> (or <c>[^abc]</c>), <c>{a,b}</c> alternatives (nestable), and <c>\</c> to escape.
/// The whole string must match. An invalid glob is a programmer error: a constant one is rejected at compile
/// time, any other raises a rule error at run time.
/// </summary>
public static class GlobBuiltins
{
    /// <summary>How many compiled globs are kept.</summary>
    public const int CacheCapacity = 1000;

    private const string AnyChar = @"[\s\S]";

    private static readonly BoundedCache<(string Pattern, string Separator), PreparedPattern> Cache = new(CacheCapacity);

    [Builtin("glob", BuiltinCategories.Glob, "True if the whole of s matches the glob, with '/' separating segments. False if s or pattern is absent.", Example = "glob(\"charts/app/values.yaml\", \"charts/**/*.{yaml,yml}\")", ConstantValidator = nameof(Validate), ConstantPreparer = nameof(Prepare))]
    public static bool Glob([Doc("The string to test, e.g. a path or an image repository.")] string? s, [Doc("The glob: * ** ? [abc] [!abc] {a,b}.")] string? pattern) =>
        Glob(s, pattern, "/");

    [Builtin("glob", BuiltinCategories.Glob, "True if the whole of s matches the glob, with the given one-character separator (\"\" for none: then * crosses everything). False if s or pattern is absent; an absent separator means \"/\".", Example = "glob(\"api.prod.example.com\", \"*.example.com\", \".\") == false", ConstantValidator = nameof(Validate), ConstantPreparer = nameof(PrepareWithSeparator))]
    public static bool Glob([Doc("The string to test.")] string? s, [Doc("The glob: * ** ? [abc] [!abc] {a,b}.")] string? pattern, [Doc("The segment separator: one character, or \"\" for none.")] string? separator) =>
        s is not null && pattern is not null && Glob(s, PrepareWithSeparator(pattern, separator));

    /// <summary><c>glob</c> with its pattern (and separator) prepared.</summary>
    public static bool Glob(string? s, PreparedPattern pattern) => s is not null && pattern.IsMatch(s);

    /// <summary>
    /// The constant validator of <c>glob</c>: argument 1 (0-based, among the arguments the policy writes) is the
    /// pattern and argument 2 the separator. Returns the error message for an invalid constant, or null.
    /// </summary>
    public static string? Validate(int argumentIndex, object? constantValue) => (argumentIndex, constantValue) switch
    {
        (1, string pattern) => Prepare(pattern).Error,
        (2, string separator) when separator.Length > 1 => $"glob separator '{separator}' must be a single character or \"\"",
        _ => null,
    };

    /// <summary>The constant preparer of <c>glob(s, pattern)</c>: the compiled glob (from the cache). Never throws.</summary>
    public static PreparedPattern Prepare(string pattern) => PrepareWithSeparator(pattern, "/");

    /// <summary>The constant preparer of <c>glob(s, pattern, separator)</c>: the compiled glob (from the cache). Never throws.</summary>
    public static PreparedPattern PrepareWithSeparator(string pattern, string? separator) => Cache.GetOrAdd((pattern, separator ?? "/"), Compile);

    /// <summary>The regular expression a glob stands for, or null with the error.</summary>
    internal static string? Translate(string pattern, string separator, out string? error)
    {
        error = null;
        if (separator.Length > 1)
        {
            error = $"glob separator '{separator}' must be a single character or \"\"";
            return null;
        }

        var hasSep = separator.Length == 1;
        var sep = hasSep ? separator[0] : '\0';
        var sepRegex = hasSep ? Escape(sep) : string.Empty;
        var notSep = hasSep ? @"[^" + Escape(sep) + "]" : AnyChar;
        var oneChar = @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|" + notSep + ")";
        var regex = new StringBuilder(@"\A");
        var depth = 0;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 >= pattern.Length)
                {
                    error = $"invalid glob '{pattern}': it ends with an escaping backslash";
                    return null;
                }

                regex.Append(Escape(pattern[++i]));
            }
            else if (hasSep && c == sep && pattern.AsSpan(i + 1) is "**")
            {
                // a/** matches a, a/ and everything below a.
                regex.Append("(?:").Append(sepRegex).Append(AnyChar).Append("*)?");
                i += 2;
            }
            else if (c == '*')
            {
                var j = i;
                while (j < pattern.Length && pattern[j] == '*')
                {
                    j++;
                }

                if (j - i == 1 || !hasSep)
                {
                    regex.Append(j - i == 1 ? notSep : AnyChar).Append('*');
                }
                else if ((i == 0 || pattern[i - 1] == sep || pattern[i - 1] == '{' || (depth > 0 && pattern[i - 1] == ',')) && j < pattern.Length && pattern[j] == sep)
                {
                    // **/ matches zero or more whole segments.
                    regex.Append("(?:").Append(AnyChar).Append('*').Append(sepRegex).Append(")?");
                    j++;
                }
                else
                {
                    regex.Append(AnyChar).Append('*');
                }

                i = j - 1;
            }
            else if (c == '?')
            {
                regex.Append(oneChar);
            }
            else if (c == '[')
            {
                if (!TranslateClass(pattern, ref i, hasSep ? Escape(sep) : string.Empty, regex, out error))
                {
                    return null;
                }
            }
            else if (c == '{')
            {
                depth++;
                regex.Append("(?:");
            }
            else if (c == ',' && depth > 0)
            {
                regex.Append('|');
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
                regex.Append(')');
            }
            else
            {
                regex.Append(Escape(c));
            }
        }

        if (depth > 0)
        {
            error = $"invalid glob '{pattern}': a '{{' is not closed";
            return null;
        }

        return regex.Append(@"\z").ToString();
    }

    private static bool TranslateClass(string pattern, ref int i, string escapedSep, StringBuilder regex, out string? error)
    {
        error = null;
        var start = i;
        var j = i + 1;
        var negated = j < pattern.Length && pattern[j] is '!' or '^';
        if (negated)
        {
            j++;
        }

        var members = new StringBuilder();
        var first = true;
        while (true)
        {
            if (j >= pattern.Length)
            {
                error = $"invalid glob '{pattern}': the '[' at position {start + 1} is not closed";
                return false;
            }

            var c = pattern[j];
            if (c == ']' && !first)
            {
                break;
            }

            first = false;
            if (c == '\\' && j + 1 < pattern.Length)
            {
                c = pattern[++j];
            }

            if (j + 2 < pattern.Length && pattern[j + 1] == '-' && pattern[j + 2] != ']')
            {
                var high = pattern[j + 2];
                if (high == '\\' && j + 3 < pattern.Length)
                {
                    high = pattern[j + 3];
                    j++;
                }

                if (high < c)
                {
                    error = $"invalid glob '{pattern}': the range '{c}-{high}' is reversed";
                    return false;
                }

                members.Append(Escape(c)).Append('-').Append(Escape(high));
                j += 3;
            }
            else
            {
                members.Append(Escape(c));
                j++;
            }
        }

        regex.Append('[');
        if (negated)
        {
            regex.Append('^').Append(escapedSep);
        }

        regex.Append(members).Append(']');
        i = j;
        return true;
    }

    private static string Escape(char c) => char.IsAsciiLetterOrDigit(c) ? c.ToString() : @"\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    private static PreparedPattern Compile((string Pattern, string Separator) key)
    {
        var regex = Translate(key.Pattern, key.Separator, out var error);
        if (regex is null)
        {
            return new PreparedPattern(null, error, PatternAffixes.None);
        }

        try
        {
            return new PreparedPattern(new Regex(regex, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant), null, PatternAffixes.OfGlob(key.Pattern, key.Separator));
        }
        catch (NotSupportedException e)
        {
            return new PreparedPattern(null, $"glob '{key.Pattern}' is too large: {e.Message}", PatternAffixes.None);
        }
    }
}
