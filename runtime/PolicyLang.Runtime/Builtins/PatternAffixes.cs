// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// The literal text every match of a pattern must start and end with (<c>^/proc/[0-9]+/environ$</c>: "/proc/" and
/// "/environ"; the glob <c>/root/.ssh/id_*</c>: "/root/.ssh/id_"), so that most strings are turned away with an ordinal
/// comparison before the linear-time regex engine runs, whose start-up cost per call is far higher. Computed
/// conservatively: when in doubt an affix is left empty, which admits everything and leaves the answer to the regex.
/// </summary>
internal readonly record struct PatternAffixes(string Prefix, string Suffix, bool SuffixMayPrecedeFinalNewline)
{
    private const string RegexSyntax = @"\^$.|?*+()[]{}";
    private const string RegexQuantifiers = "?*+{";
    private const string GlobSyntax = @"*?[]{},\";

    public static PatternAffixes None { get; } = new(string.Empty, string.Empty, false);

    /// <summary>False when <paramref name="s"/> cannot match; true when it may.</summary>
    public bool Admits(string s)
    {
        if (!s.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        if (Suffix.Length == 0 || s.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return true;
        }

        // $ also matches before a final line feed.
        return SuffixMayPrecedeFinalNewline && s.Length > Suffix.Length && s[^1] == '\n' && s.AsSpan(0, s.Length - 1).EndsWith(Suffix, StringComparison.Ordinal);
    }

    /// <summary>The affixes of a .NET regular expression (no options other than culture invariance): only anchored ends count.</summary>
    public static PatternAffixes OfRegex(string pattern)
    {
        // An alternative anywhere could let a match avoid either end's literal text; an inline option such as (?i)
        // could make the text match other than ordinally.
        if (pattern.Contains('|', StringComparison.Ordinal) || pattern.Contains("(?", StringComparison.Ordinal))
        {
            return None;
        }

        var prefix = string.Empty;
        if (pattern.StartsWith('^'))
        {
            var end = 1;
            while (end < pattern.Length && !RegexSyntax.Contains(pattern[end], StringComparison.Ordinal))
            {
                end++;
            }

            // A quantifier after the run makes its last character optional (^ab*c).
            var length = end - 1;
            if (end < pattern.Length && RegexQuantifiers.Contains(pattern[end], StringComparison.Ordinal))
            {
                length--;
            }

            prefix = length > 0 ? pattern.Substring(1, length) : string.Empty;
        }

        var suffix = string.Empty;
        if (pattern.Length >= 2 && pattern[^1] == '$' && !IsEscaped(pattern, pattern.Length - 1))
        {
            var start = pattern.Length - 1;
            while (start > 0 && !RegexSyntax.Contains(pattern[start - 1], StringComparison.Ordinal) && !IsEscaped(pattern, start - 1))
            {
                start--;
            }

            suffix = pattern[start..^1];
        }

        return new PatternAffixes(prefix, suffix, SuffixMayPrecedeFinalNewline: true);
    }

    /// <summary>The affixes of a glob (which matches the whole string); none when it has escapes.</summary>
    public static PatternAffixes OfGlob(string pattern, string separator)
    {
        if (pattern.Contains('\\', StringComparison.Ordinal))
        {
            return None;
        }

        var first = pattern.AsSpan().IndexOfAny(GlobSyntax);
        if (first < 0)
        {
            return new PatternAffixes(pattern, string.Empty, false);
        }

        var prefix = pattern[..first];
        if (pattern[first] == '*' && separator.Length == 1 && prefix.EndsWith(separator[0]))
        {
            // a/** also matches a.
            prefix = prefix[..^1];
        }

        var last = pattern.AsSpan().LastIndexOfAny(GlobSyntax);
        var suffix = pattern[(last + 1)..];
        if (pattern[last] == '*' && separator.Length == 1 && suffix.StartsWith(separator[0]))
        {
            // **/b also matches b.
            suffix = suffix[1..];
        }

        return new PatternAffixes(prefix, suffix, false);
    }

    // An odd number of backslashes before a character escapes it.
    private static bool IsEscaped(string pattern, int index)
    {
        var backslashes = 0;
        for (var i = index - 1; i >= 0 && pattern[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }
}
