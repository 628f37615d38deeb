// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using k8s.Models;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// String built-ins. Comparisons are ordinal (byte-for-byte, case-sensitive) and case mapping is invariant.
/// Positions and lengths count Unicode code points. An absent string argument gives an absent result
/// (false for predicates).
/// </summary>
public static class StringBuiltins
{
    /// <summary>The longest string <c>repeat</c> builds, in UTF-16 code units (1 Mi).</summary>
    public const int MaxRepeatLength = 1 << 20;

    [Builtin("lower", BuiltinCategories.Strings, "The string in lower case (invariant culture). Absent if s is absent.", Example = "lower(\"NGINX\") == \"nginx\"")]
    public static string? Lower([Doc("The string to convert.")] string? s) => s?.ToLowerInvariant();

    [Builtin("upper", BuiltinCategories.Strings, "The string in upper case (invariant culture). Absent if s is absent.", Example = "upper(\"tcp\") == \"TCP\"")]
    public static string? Upper([Doc("The string to convert.")] string? s) => s?.ToUpperInvariant();

    [Builtin("trim", BuiltinCategories.Strings, "The string without leading and trailing white space. Absent if s is absent.", Example = "trim(\"  a b \") == \"a b\"")]
    public static string? Trim([Doc("The string to trim.")] string? s) => s?.Trim();

    [Builtin("trimPrefix", BuiltinCategories.Strings, "The string without the prefix, if it starts with it; otherwise unchanged. Absent if s is absent; unchanged if prefix is absent.", Example = "trimPrefix(\"v1.2.3\", \"v\") == \"1.2.3\"")]
    public static string? TrimPrefix([Doc("The string to trim.")] string? s, [Doc("The prefix to remove once.")] string? prefix) =>
        s is not null && !string.IsNullOrEmpty(prefix) && s.StartsWith(prefix, StringComparison.Ordinal) ? s[prefix.Length..] : s;

    [Builtin("trimSuffix", BuiltinCategories.Strings, "The string without the suffix, if it ends with it; otherwise unchanged. Absent if s is absent; unchanged if suffix is absent.", Example = "trimSuffix(\"app.yaml\", \".yaml\") == \"app\"")]
    public static string? TrimSuffix([Doc("The string to trim.")] string? s, [Doc("The suffix to remove once.")] string? suffix) =>
        s is not null && !string.IsNullOrEmpty(suffix) && s.EndsWith(suffix, StringComparison.Ordinal) ? s[..^suffix.Length] : s;

    [Builtin("split", BuiltinCategories.Strings, "The parts of s between occurrences of sep (an empty sep splits into characters). Absent if s or sep is absent.", Example = "split(\"a,b,,c\", \",\") == [\"a\", \"b\", \"\", \"c\"]")]
    public static IList<string>? Split([Doc("The string to split.")] string? s, [Doc("The separator.")] string? sep)
    {
        if (s is null || sep is null)
        {
            return null;
        }

        return sep.Length == 0 ? TextIndex.Runes(s) : s.Split(sep);
    }

    [Builtin("join", BuiltinCategories.Strings, "The strings of the list joined with sep between them; absent elements are skipped. An absent list joins as empty; an absent sep counts as \"\".", Example = "join([\"a\", \"b\"], \"/\") == \"a/b\"")]
    public static string Join([Doc("The strings to join.")] IList<string?>? parts, [Doc("The separator placed between parts.")] string? sep) =>
        parts is null ? string.Empty : string.Join(sep ?? string.Empty, parts.Where(p => p is not null));

    [Builtin("replace", BuiltinCategories.Strings, "s with every occurrence of old replaced by new (ordinal; an empty old changes nothing). Absent if s is absent; unchanged if old is absent; an absent new counts as \"\".", Example = "replace(\"a-b-c\", \"-\", \".\") == \"a.b.c\"")]
    public static string? Replace([Doc("The string to change.")] string? s, [Doc("The text to find.")] string? old, [Doc("The replacement text.")] string? @new) =>
        s is null || string.IsNullOrEmpty(old) ? s : s.Replace(old, @new ?? string.Empty, StringComparison.Ordinal);

    [Builtin("startsWith", BuiltinCategories.Strings, "True if s starts with prefix (ordinal). False if either is absent.", Example = "startsWith(\"registry.example.com/app\", \"registry.example.com/\")")]
    public static bool StartsWith([Doc("The string to test.")] string? s, [Doc("The prefix.")] string? prefix) =>
        s is not null && prefix is not null && s.StartsWith(prefix, StringComparison.Ordinal);

    [Builtin("endsWith", BuiltinCategories.Strings, "True if s ends with suffix (ordinal). False if either is absent.", Example = "endsWith(\"app.yaml\", \".yaml\")")]
    public static bool EndsWith([Doc("The string to test.")] string? s, [Doc("The suffix.")] string? suffix) =>
        s is not null && suffix is not null && s.EndsWith(suffix, StringComparison.Ordinal);

    [Builtin("contains", BuiltinCategories.Strings, "True if s contains sub (ordinal). False if either is absent.", Example = "contains(\"--privileged=true\", \"privileged\")")]
    public static bool Contains([Doc("The string to search.")] string? s, [Doc("The text to find.")] string? sub) =>
        s is not null && sub is not null && s.Contains(sub, StringComparison.Ordinal);

    [Builtin("contains", BuiltinCategories.Strings, "True if the list has an element equal to value. False if the list or value is absent.", Example = "contains([\"NET_ADMIN\", \"SYS_TIME\"], \"NET_ADMIN\")")]
    public static bool Contains<T>([Doc("The list to search.")] IList<T>? list, [Doc("The element to find.")] T value) =>
        list is not null && value is not null && list.Contains(value, EqualityComparer<T>.Default);

    [Builtin("contains", BuiltinCategories.Strings, "True if the set has value. False if the set or value is absent.", Example = "contains(toSet([\"a\", \"b\"]), \"a\")")]
    public static bool Contains<T>([Doc("The set to search.")] ISet<T>? set, [Doc("The element to find.")] T value) =>
        set is not null && value is not null && set.Contains(value);

    [Builtin("indexOf", BuiltinCategories.Strings, "The position (in characters, from 0) of the first occurrence of sub in s, or -1. Absent if either is absent.", Example = "indexOf(\"a=b\", \"=\") == 1")]
    public static long? IndexOf([Doc("The string to search.")] string? s, [Doc("The text to find.")] string? sub)
    {
        if (s is null || sub is null)
        {
            return null;
        }

        var i = s.IndexOf(sub, StringComparison.Ordinal);
        return i < 0 ? -1 : TextIndex.RuneIndex(s, i);
    }

    [Builtin("lastIndexOf", BuiltinCategories.Strings, "The position (in characters, from 0) of the last occurrence of sub in s, or -1. Absent if either is absent.", Example = "lastIndexOf(\"a/b/c\", \"/\") == 3")]
    public static long? LastIndexOf([Doc("The string to search.")] string? s, [Doc("The text to find.")] string? sub)
    {
        if (s is null || sub is null)
        {
            return null;
        }

        var i = s.LastIndexOf(sub, StringComparison.Ordinal);
        return i < 0 ? -1 : TextIndex.RuneIndex(s, i);
    }

    [Builtin("substring", BuiltinCategories.Strings, "The characters of s from start (inclusive) to end (exclusive), both clamped to the string; empty when end <= start. Never fails. Absent if s or start is absent; an absent end means the end of s.", Example = "substring(\"sha256:abc\", 0, 6) == \"sha256\"")]
    public static string? Substring([Doc("The string.")] string? s, [Doc("The first character's position, from 0.")] long? start, [Doc("The position after the last character.")] long? end)
    {
        if (s is null || start is null)
        {
            return null;
        }

        var length = TextIndex.RuneCount(s);
        var from = (int)Math.Clamp(start.Value, 0, length);
        var to = (int)Math.Clamp(end ?? length, 0, length);
        if (to <= from)
        {
            return string.Empty;
        }

        var a = TextIndex.CharOffset(s, from);
        var b = TextIndex.CharOffset(s, to);
        return s[a..b];
    }

    [Builtin("substring", BuiltinCategories.Strings, "The characters of s from start (clamped) to its end. Never fails. Absent if s or start is absent.", Example = "substring(\"sha256:abc\", 7) == \"abc\"")]
    public static string? Substring([Doc("The string.")] string? s, [Doc("The first character's position, from 0.")] long? start) => Substring(s, start, null);

    [Builtin("repeat", BuiltinCategories.Strings, "s repeated count times. Absent if an argument is absent, count is negative, or the result would exceed 1,048,576 characters.", Example = "repeat(\"ab\", 3) == \"ababab\"")]
    public static string? Repeat([Doc("The string to repeat.")] string? s, [Doc("How many times.")] long? count)
    {
        if (s is null || count is not { } n || n < 0 || (s.Length > 0 && n > MaxRepeatLength / s.Length))
        {
            return null;
        }

        if (s.Length == 0 || n == 0)
        {
            return string.Empty;
        }

        var builder = new StringBuilder(s.Length * (int)n);
        for (var i = 0; i < n; i++)
        {
            builder.Append(s);
        }

        return builder.ToString();
    }

    [Builtin("string", BuiltinCategories.Strings, "The integer in decimal. Absent if value is absent.", Example = "string(8080) == \"8080\"")]
    public static string? ToString([Doc("The integer.")] long? value) => value?.ToString(CultureInfo.InvariantCulture);

    [Builtin("string", BuiltinCategories.Strings, "The shortest decimal text that reads back as the same float (\"NaN\", \"Infinity\" and \"-Infinity\" for the special values). Absent if value is absent.", Example = "string(0.5) == \"0.5\"")]
    public static string? ToString([Doc("The float.")] double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    [Builtin("string", BuiltinCategories.Strings, "\"true\" or \"false\". Absent if value is absent.", Example = "string(true) == \"true\"")]
    public static string? ToString([Doc("The boolean.")] bool? value) => value is { } b ? (b ? "true" : "false") : null;

    [Builtin("string", BuiltinCategories.Strings, "The duration in Go syntax, e.g. \"1h30m0s\", \"250ms\", \"0s\". Absent if value is absent.", Example = "string(duration(\"90m\")) == \"1h30m0s\"")]
    public static string? ToString([Doc("The duration.")] TimeSpan? value) => value is { } d ? TimeBuiltins.FormatDuration(d) : null;

    [Builtin("string", BuiltinCategories.Strings, "The timestamp in RFC 3339, with \"Z\" for UTC and fractional seconds only when present. Absent if value is absent.", Example = "string(timestamp(\"2024-01-02T03:04:05Z\")) == \"2024-01-02T03:04:05Z\"")]
    public static string? ToString([Doc("The timestamp.")] DateTimeOffset? value) => value is { } t ? TimeBuiltins.FormatTimestamp(t) : null;

    [Builtin("string", BuiltinCategories.Strings, "The quantity in Kubernetes canonical form, e.g. \"1536Mi\", \"250m\". Absent if value is absent.", Example = "string(quantity(\"1.5Gi\")) == \"1536Mi\"")]
    public static string? ToString([Doc("The quantity.")] ResourceQuantity? value) => value is null ? null : QuantityBuiltins.Format(value);

    [Builtin("int", BuiltinCategories.Strings, "The decimal integer in s (an optional sign, then digits; no spaces). Absent if s is absent or not an integer in range.", Example = "int(\"8080\") == 8080")]
    public static long? ToInt([Doc("The text to parse.")] string? s) =>
        s is not null && long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    [Builtin("int", BuiltinCategories.Strings, "The float truncated toward zero. Absent if value is absent, not finite or out of the integer range.", Example = "int(2.9) == 2")]
    public static long? ToInt([Doc("The float to truncate.")] double? value) =>
        value is { } d && double.IsFinite(d) && d > -9.2233720368547758e18 && d < 9.2233720368547758e18 ? (long)Math.Truncate(d) : null;

    [Builtin("float", BuiltinCategories.Strings, "The number in s (decimal, with optional fraction and exponent; no spaces). Absent if s is absent, not a number, or not finite.", Example = "float(\"0.25\") == 0.25")]
    public static double? ToFloat([Doc("The text to parse.")] string? s) =>
        s is not null && double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) ? v : null;

    [Builtin("float", BuiltinCategories.Strings, "The integer as a float. Absent if value is absent.", Example = "float(3) == 3.0")]
    public static double? ToFloat([Doc("The integer.")] long? value) => value;

    [Builtin("base64Encode", BuiltinCategories.Strings, "The UTF-8 bytes of s in standard base64 (with padding). Absent if s is absent.", Example = "base64Encode(\"admin\") == \"YWRtaW4=\"")]
    public static string? Base64Encode([Doc("The text to encode.")] string? s) => s is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(s));

    [Builtin("base64Decode", BuiltinCategories.Strings, "The text whose UTF-8 bytes s encodes in standard base64. Absent if s is absent, not valid base64, or does not decode to valid UTF-8.", Example = "base64Decode(\"YWRtaW4=\") == \"admin\"")]
    public static string? Base64Decode([Doc("The base64 text, e.g. a Secret's data value.")] string? s)
    {
        if (s is null)
        {
            return null;
        }

        var buffer = new byte[((s.Length + 3) / 4) * 3];
        return Convert.TryFromBase64String(s, buffer, out var written) ? TextIndex.Utf8OrNull(buffer[..written]) : null;
    }
}
