// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;

namespace PolicyLang.Runtime.Adapters.Binding;

/// <summary>
/// Parses RFC 3339 times. Falco and Tetragon write nanoseconds (9 fraction digits); .NET keeps 7, so the
/// extra digits are dropped rather than rejected.
/// </summary>
internal static class Rfc3339
{
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        var trimmed = TrimFraction(text.Trim());
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
            && trimmed.Length >= 10 && char.IsAsciiDigit(trimmed[0]);
    }

    /// <summary>
    /// The same as <see cref="TryParse(string, out DateTimeOffset)"/> on UTF-8 text: the common form
    /// <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c> is read directly (no string, no culture-aware parser); anything
    /// else is decoded and read as text.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, out DateTimeOffset time) =>
        TryParseCommon(utf8, out time) || TryParse(System.Text.Encoding.UTF8.GetString(utf8), out time);

    /// <summary>A time from a count since the Unix epoch, guessing the unit from the magnitude (s, ms, µs or ns).</summary>
    public static DateTimeOffset FromEpoch(long value)
    {
        var ticks = value switch
        {
            > 100_000_000_000_000_000 => value / 100,
            > 100_000_000_000_000 => value * 10,
            > 100_000_000_000 => value * TimeSpan.TicksPerMillisecond,
            _ => value * TimeSpan.TicksPerSecond,
        };
        return DateTimeOffset.UnixEpoch.AddTicks(ticks);
    }

    // Only what the general parser certainly reads the same way: a valid date, hours 0-23, minutes and seconds 0-59,
    // any number of fraction digits (the 8th on dropped, as TrimFraction does), an offset of at most 14 hours, and a
    // result within DateTimeOffset's range. Everything else goes to the general parser.
    private static bool TryParseCommon(ReadOnlySpan<byte> s, out DateTimeOffset time)
    {
        time = default;
        if (s.Length < 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':'
            || !Digits(s, 0, 4, out var year) || !Digits(s, 5, 2, out var month) || !Digits(s, 8, 2, out var day)
            || !Digits(s, 11, 2, out var hour) || !Digits(s, 14, 2, out var minute) || !Digits(s, 17, 2, out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var at = 19;
        long fraction = 0;
        if (s[at] == '.')
        {
            var digits = 0;
            while (++at < s.Length && char.IsAsciiDigit((char)s[at]))
            {
                if (digits++ < 7)
                {
                    fraction = (fraction * 10) + (s[at] - '0');
                }
            }

            if (digits == 0)
            {
                return false;
            }

            for (; digits < 7; digits++)
            {
                fraction *= 10;
            }
        }

        long offsetTicks;
        if (at == s.Length - 1 && s[at] == 'Z')
        {
            offsetTicks = 0;
        }
        else if (at == s.Length - 6 && s[at] is (byte)'+' or (byte)'-' && s[at + 3] == ':'
            && Digits(s, at + 1, 2, out var offsetHours) && Digits(s, at + 4, 2, out var offsetMinutes)
            && offsetMinutes <= 59 && (offsetHours * 60) + offsetMinutes <= 14 * 60)
        {
            offsetTicks = (((offsetHours * 60) + offsetMinutes) * TimeSpan.TicksPerMinute) * (s[at] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fraction;
        var utc = local - offsetTicks;
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        time = new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit((char)s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }

    private static string TrimFraction(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return text;
        }

        var end = dot + 1;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return end - dot - 1 <= 7 ? text : string.Concat(text.AsSpan(0, dot + 8), text.AsSpan(end));
    }
}
