// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// A regex or glob pattern compiled once: its regular expression, or the error that makes the pattern invalid. The
/// built-ins' caches hold these, and compiled policies hold one per constant pattern they write (see
/// <see cref="BuiltinAttribute.ConstantPreparer"/>), so a rule does not look its pattern up on every call. A struct, so
/// that a null argument never makes a call ambiguous between a built-in's plain and prepared overloads.
/// </summary>
public readonly struct PreparedPattern
{
    private readonly Regex? _regex;
    private readonly string? _error;
    private readonly PatternAffixes _affixes;

    internal PreparedPattern(Regex? regex, string? error, PatternAffixes affixes)
    {
        _regex = regex;
        _error = error;
        _affixes = affixes;
    }

    /// <summary>Why the pattern is invalid, or null.</summary>
    public string? Error => _error;

    /// <summary>The regular expression. Throws <see cref="ArgumentException"/> for an invalid pattern, as the built-ins always have.</summary>
    public Regex Regex => _regex ?? throw new ArgumentException(_error, "pattern");

    /// <summary>
    /// True if the pattern matches in <paramref name="s"/>, as <see cref="Regex"/>'s IsMatch, but strings without the
    /// pattern's literal start or end are answered without running the regex.
    /// </summary>
    public bool IsMatch(string s)
    {
        var regex = Regex;
        return _affixes.Admits(s) && regex.IsMatch(s);
    }
}
