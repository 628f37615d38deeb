// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// File-permission helpers for host compliance checks (CIS benchmarks). A mode is an integer of permission bits
/// (<c>0o644</c> is 420); only the twelve permission bits (<c>0o7777</c>: setuid, setgid, sticky, rwx for user, group
/// and other) count, so a full <c>st_mode</c> with file-type bits works too. Modes are written in octal
/// (<c>"644"</c>, <c>"0644"</c>, <c>"0o644"</c>) or symbolically as <c>ls -l</c> shows them (<c>"-rw-r--r--"</c>).
/// </summary>
public static class HostBuiltins
{
    private const long PermissionBits = 0xFFF; // 0o7777

    [Builtin("modeAtMost", BuiltinCategories.Host, "True if mode grants no permission beyond max, i.e. (mode & ~max) == 0: \"644\" allows 0644, 0640 and 0600, not 0664 or 0744. False if either is absent or max is not a valid mode.", Example = "modeAtMost(f.mode, \"600\")", ConstantValidator = nameof(Validate))]
    public static bool ModeAtMost([Doc("The file's mode bits.")] long? mode, [Doc("The most permissive mode allowed, e.g. \"644\" or \"-rw-r--r--\".")] string? max) =>
        max is not null && ModeAtMost(mode, ParseMode(max));

    [Builtin("modeAtMost", BuiltinCategories.Host, "True if mode grants no permission beyond max, i.e. (mode & ~max) == 0. False if either is absent.", Example = "modeAtMost(f.mode, 0o644)")]
    public static bool ModeAtMost([Doc("The file's mode bits.")] long? mode, [Doc("The most permissive mode allowed, as an integer.")] long? max) =>
        mode is { } m && max is { } x && (m & PermissionBits & ~(x & PermissionBits)) == 0;

    [Builtin("modeString", BuiltinCategories.Host, "The permission bits as four octal digits, e.g. \"0644\", \"4755\". Absent if mode is absent or negative.", Example = "modeString(420) == \"0644\"")]
    public static string? ModeString([Doc("The mode bits.")] long? mode) =>
        mode is { } m && m >= 0 ? Convert.ToString(m & PermissionBits, 8).PadLeft(4, '0') : null;

    [Builtin("parseMode", BuiltinCategories.Host, "The mode written in s: octal (\"644\", \"0644\", \"0o644\", \"4755\") or symbolic (\"-rw-r--r--\", \"rwsr-xr-x\", \"drwxrwxrwt\"). Absent if s is absent or not a mode.", Example = "parseMode(\"0644\") == 420 and parseMode(\"-rw-r--r--\") == 420", ConstantValidator = nameof(Validate))]
    public static long? ParseMode([Doc("The mode text.")] string? s)
    {
        if (string.IsNullOrEmpty(s))
        {
            return null;
        }

        return char.IsAsciiDigit(s[0]) ? ParseOctal(s) : ParseSymbolic(s);
    }

    /// <summary>
    /// The constant validator of <c>modeAtMost</c> and <c>parseMode</c>: a constant mode string (argument 1 of
    /// modeAtMost, argument 0 of parseMode) must parse. Returns the error message, or null. At run time an invalid
    /// mode gives false or absent.
    /// </summary>
    public static string? Validate(int argumentIndex, object? constantValue) =>
        constantValue is string text && ParseMode(text) is null
            ? $"invalid file mode '{text}': expected octal such as \"644\" or \"0644\", or symbolic such as \"-rw-r--r--\""
            : null;

    private static long? ParseOctal(string s)
    {
        var digits = s.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? s.AsSpan(2) : s.AsSpan();
        if (digits.Length is 0 or > 6 || digits.ContainsAnyExcept("01234567"))
        {
            return null;
        }

        var mode = Convert.ToInt64(digits.ToString(), 8);
        return mode <= PermissionBits ? mode : null;
    }

    private static long? ParseSymbolic(string s)
    {
        var text = s.AsSpan();
        if (text.Length is 10 or 11 && "-dlcbpsD".Contains(text[0], StringComparison.Ordinal))
        {
            text = text[1..];
        }

        if (text.Length == 10 && text[9] is '.' or '+' or '@')
        {
            text = text[..9];
        }

        if (text.Length != 9)
        {
            return null;
        }

        long mode = 0;
        for (var who = 0; who < 3; who++)
        {
            var shift = 6 - (who * 3);
            var r = text[who * 3];
            var w = text[(who * 3) + 1];
            var x = text[(who * 3) + 2];
            if (r is not ('r' or '-') || w is not ('w' or '-'))
            {
                return null;
            }

            mode |= (r == 'r' ? 4L : 0) << shift;
            mode |= (w == 'w' ? 2L : 0) << shift;
            var special = who switch { 0 => 0x800L, 1 => 0x400L, _ => 0x200L }; // setuid, setgid, sticky
            var specialLetter = who == 2 ? 't' : 's';
            if (x == 'x')
            {
                mode |= 1L << shift;
            }
            else if (x == specialLetter)
            {
                mode |= (1L << shift) | special;
            }
            else if (x == char.ToUpperInvariant(specialLetter))
            {
                mode |= special;
            }
            else if (x != '-')
            {
                return null;
            }
        }

        return mode;
    }
}
