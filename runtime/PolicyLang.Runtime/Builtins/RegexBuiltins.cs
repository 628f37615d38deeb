// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Regular-expression built-ins (.NET syntax). Every pattern runs on the linear-time engine
/// (<see cref="RegexOptions.NonBacktracking"/>): matching costs time proportional to the input, whatever the pattern,
/// so no policy and no input can cause catastrophic backtracking. The price is that backreferences, lookarounds,
/// atomic groups and conditionals are not available. Matching is unanchored (use <c>^…$</c>) and case-sensitive
/// (use <c>(?i)</c>). An invalid pattern is a programmer error: a constant one is rejected at compile time,
/// any other raises a rule error at run time.
/// </summary>
public static class RegexBuiltins
{
    /// <summary>How many compiled patterns are kept.</summary>
    public const int CacheCapacity = 1000;

    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    private static readonly BoundedCache<string, PreparedPattern> Cache = new(CacheCapacity, StringComparer.Ordinal);

    internal static int CachedCount => Cache.Count;

    [Builtin("matches", BuiltinCategories.Regex, "True if the pattern matches somewhere in s (anchor with ^ and $ to match all of it). False if s or pattern is absent.", Example = "matches(\"nginx:1.25\", \"^nginx:[0-9.]+$\")", ConstantValidator = nameof(Validate), ConstantPreparer = nameof(Prepare))]
    public static bool Matches([Doc("The string to search.")] string? s, [Doc("A .NET regular expression, run in linear time.")] string? pattern) =>
        s is not null && pattern is not null && Matches(s, Prepare(pattern));

    /// <summary><c>matches</c> with its pattern prepared.</summary>
    public static bool Matches(string? s, PreparedPattern pattern) => s is not null && pattern.IsMatch(s);

    [Builtin("regexFind", BuiltinCategories.Regex, "The first match of the pattern in s. Absent if there is none or an argument is absent.", Example = "regexFind(\"app:v1.2.3\", \"[0-9]+\\\\.[0-9]+\") == \"1.2\"", ConstantValidator = nameof(Validate), ConstantPreparer = nameof(Prepare))]
    public static string? RegexFind([Doc("The string to search.")] string? s, [Doc("A .NET regular expression, run in linear time.")] string? pattern) =>
        s is null || pattern is null ? null : RegexFind(s, Prepare(pattern));

    /// <summary><c>regexFind</c> with its pattern prepared.</summary>
    public static string? RegexFind(string? s, PreparedPattern pattern)
    {
        if (s is null)
        {
            return null;
        }

        var match = pattern.Regex.Match(s);
        return match.Success ? match.Value : null;
    }

    [Builtin("regexFindAll", BuiltinCategories.Regex, "Every non-overlapping match of the pattern in s, in order (empty if none). Absent if an argument is absent.", Example = "regexFindAll(\"a1b22c333\", \"[0-9]+\") == [\"1\", \"22\", \"333\"]", ConstantValidator = nameof(Validate), ConstantPreparer = nameof(Prepare))]
    public static IList<string>? RegexFindAll([Doc("The string to search.")] string? s, [Doc("A .NET regular expression, run in linear time.")] string? pattern) =>
        s is null || pattern is null ? null : RegexFindAll(s, Prepare(pattern));

    /// <summary><c>regexFindAll</c> with its pattern prepared.</summary>
    public static IList<string>? RegexFindAll(string? s, PreparedPattern pattern)
    {
        if (s is null)
        {
            return null;
        }

        var result = new List<string>();
        for (var match = pattern.Regex.Match(s); match.Success; match = match.NextMatch())
        {
            result.Add(match.Value);
        }

        return result;
    }

    [Builtin("regexFindGroups", BuiltinCategories.Regex, "The first match of the pattern in s and its capture groups: element 0 is the whole match, element n group n (\"\" for a group that did not take part). Absent if there is no match or an argument is absent.", Example = "regexFindGroups(\"v1.27.3\", \"^v([0-9]+)\\\\.([0-9]+)\") == [\"v1.27\", \"1\", \"27\"]", ConstantValidator = nameof(Validate), ConstantPreparer = nameof(Prepare))]
    public static IList<string>? RegexFindGroups([Doc("The string to search.")] string? s, [Doc("A .NET regular expression with groups, run in linear time.")] string? pattern) =>
        s is null || pattern is null ? null : RegexFindGroups(s, Prepare(pattern));

    /// <summary><c>regexFindGroups</c> with its pattern prepared.</summary>
    public static IList<string>? RegexFindGroups(string? s, PreparedPattern pattern)
    {
        if (s is null)
        {
            return null;
        }

        var match = pattern.Regex.Match(s);
        return match.Success ? match.Groups.Cast<Group>().Select(g => g.Success ? g.Value : string.Empty).ToList() : null;
    }

    [Builtin("regexReplace", BuiltinCategories.Regex, "s with every match of the pattern replaced; the replacement may refer to groups as $1 or ${name} ($$ for a dollar). Absent if s or pattern is absent; an absent replacement counts as \"\".", Example = "regexReplace(\"a1b22\", \"[0-9]+\", \"#\") == \"a#b#\"", ConstantValidator = nameof(Validate), ConstantPreparer = nameof(Prepare))]
    public static string? RegexReplace([Doc("The string to change.")] string? s, [Doc("A .NET regular expression, run in linear time.")] string? pattern, [Doc("The replacement, with $1 / ${name} group references.")] string? replacement) =>
        s is null || pattern is null ? null : RegexReplace(s, Prepare(pattern), replacement);

    /// <summary><c>regexReplace</c> with its pattern prepared.</summary>
    public static string? RegexReplace(string? s, PreparedPattern pattern, string? replacement) =>
        s is null ? null : pattern.Regex.Replace(s, replacement ?? string.Empty);

    [Builtin("regexSplit", BuiltinCategories.Regex, "The parts of s between matches of the pattern. Absent if an argument is absent.", Example = "regexSplit(\"a, b;c\", \"[,;] *\") == [\"a\", \"b\", \"c\"]", ConstantValidator = nameof(Validate), ConstantPreparer = nameof(Prepare))]
    public static IList<string>? RegexSplit([Doc("The string to split.")] string? s, [Doc("A .NET regular expression for the separators, run in linear time.")] string? pattern) =>
        s is null || pattern is null ? null : RegexSplit(s, Prepare(pattern));

    /// <summary><c>regexSplit</c> with its pattern prepared.</summary>
    public static IList<string>? RegexSplit(string? s, PreparedPattern pattern) => s is null ? null : pattern.Regex.Split(s);

    /// <summary>
    /// The constant validator of the regex built-ins: argument 1 (0-based, among the arguments the policy writes)
    /// is the pattern. Returns the error message for an invalid constant pattern, or null.
    /// </summary>
    public static string? Validate(int argumentIndex, object? constantValue) =>
        argumentIndex == 1 && constantValue is string pattern ? Prepare(pattern).Error : null;

    /// <summary>
    /// The constant preparer of the regex built-ins: the compiled pattern (from the cache), which a compiled policy
    /// keeps for a constant pattern. Never throws: an invalid pattern throws where it is used.
    /// </summary>
    public static PreparedPattern Prepare(string pattern) => Cache.GetOrAdd(pattern, Compile);

    private static PreparedPattern Compile(string pattern)
    {
        try
        {
            return new PreparedPattern(new Regex(pattern, Options), null, PatternAffixes.OfRegex(pattern));
        }
        catch (RegexParseException e)
        {
            return new PreparedPattern(null, $"invalid regular expression: {e.Message}", PatternAffixes.None);
        }
        catch (NotSupportedException e)
        {
            return new PreparedPattern(null, $"regular expression '{pattern}' is not supported by the linear-time regex engine: {e.Message}", PatternAffixes.None);
        }
        catch (ArgumentException e)
        {
            return new PreparedPattern(null, $"invalid regular expression '{pattern}': {e.Message}", PatternAffixes.None);
        }
    }
}
