// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Durations and timestamps. Durations use Go syntax (<c>1h30m</c>, <c>250ms</c>, <c>-5s</c>, <c>1.5h</c>; units
/// ns us µs ms s m h, plus d for 24h) or ISO 8601 with weeks, days, hours, minutes and seconds (<c>P1DT12H</c>;
/// years and months have no fixed length and are refused). Timestamps are RFC 3339. Resolution is 100 ns.
/// Invalid text gives absent. <c>now()</c> reads the evaluation's clock, fixed for a whole evaluation.
/// </summary>
public static class TimeBuiltins
{
    private const int MaxTextLength = 128;

    [Builtin("duration", BuiltinCategories.Time, "The duration s stands for, in Go syntax (\"1h30m\", \"250ms\", \"-5s\", \"1.5h\", \"7d\") or ISO 8601 (\"PT1H30M\", \"P1D\", \"P2W\"). Absent if s is absent, invalid or out of range.", Example = "duration(\"1h30m\") == duration(\"90m\")", ConstantValidator = nameof(ValidateDuration))]
    public static TimeSpan? Duration([Doc("The duration text.")] string? s) => s is null ? null : ParseDuration(s);

    [Builtin("timestamp", BuiltinCategories.Time, "The instant s stands for in RFC 3339 (\"2024-05-01T12:00:00Z\", \"2024-05-01T14:00:00.5+02:00\"). Absent if s is absent or invalid.", Example = "timestamp(\"2024-05-01T12:00:00Z\") < timestamp(\"2024-05-01T14:00:01+02:00\")", ConstantValidator = nameof(ValidateTimestamp))]
    public static DateTimeOffset? Timestamp([Doc("The RFC 3339 text.")] string? s) => s is null ? null : ParseTimestamp(s);

    [Builtin("now", BuiltinCategories.Time, "The evaluation's current time: the same instant for every rule of one evaluation, and set by the caller, so tests are reproducible.", Example = "now() - o.metadata.creationTimestamp > duration(\"90d\")", Deterministic = false)]
    public static DateTimeOffset? Now(EvaluationContext? context) => context?.Now;

    [Builtin("durationSeconds", BuiltinCategories.Time, "The duration in seconds, with fraction. Absent if d is absent.", Example = "durationSeconds(duration(\"1m30s\")) == 90.0")]
    public static double? DurationSeconds([Doc("The duration.")] TimeSpan? d) => d?.TotalSeconds;

    [Builtin("unixSeconds", BuiltinCategories.Time, "The timestamp as whole seconds since 1970-01-01T00:00:00Z (rounded down). Absent if t is absent.", Example = "unixSeconds(timestamp(\"1970-01-01T00:01:00Z\")) == 60")]
    public static long? UnixSeconds([Doc("The timestamp.")] DateTimeOffset? t) => t?.ToUnixTimeSeconds();

    [Builtin("timestampFromUnix", BuiltinCategories.Time, "The UTC timestamp that many seconds after 1970-01-01T00:00:00Z. Absent if seconds is absent or out of range (years 1 to 9999).", Example = "timestampFromUnix(0) == timestamp(\"1970-01-01T00:00:00Z\")")]
    public static DateTimeOffset? TimestampFromUnix([Doc("Seconds since the Unix epoch.")] long? seconds) =>
        seconds is { } n && n >= -62135596800 && n <= 253402300799 ? DateTimeOffset.FromUnixTimeSeconds(n) : null;

    /// <summary>
    /// The constant validator of <c>duration</c>: a constant argument must parse. Returns the error message for an
    /// invalid constant, or null. At run time invalid text gives absent.
    /// </summary>
    public static string? ValidateDuration(int argumentIndex, object? constantValue) =>
        argumentIndex == 0 && constantValue is string text && ParseDuration(text) is null
            ? $"invalid duration '{text}': expected Go syntax such as \"1h30m\", \"250ms\", \"7d\", or ISO 8601 such as \"PT1H\""
            : null;

    /// <summary>
    /// The constant validator of <c>timestamp</c>: a constant argument must parse. Returns the error message for an
    /// invalid constant, or null. At run time invalid text gives absent.
    /// </summary>
    public static string? ValidateTimestamp(int argumentIndex, object? constantValue) =>
        argumentIndex == 0 && constantValue is string text && ParseTimestamp(text) is null
            ? $"invalid timestamp '{text}': expected RFC 3339, e.g. \"2024-05-01T12:00:00Z\""
            : null;

    /// <summary>Parses a Go or ISO 8601 duration; null if invalid or out of range.</summary>
    internal static TimeSpan? ParseDuration(string s)
    {
        if (s.Length is 0 or > MaxTextLength)
        {
            return null;
        }

        var i = 0;
        var negative = false;
        if (s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            i++;
        }

        try
        {
            decimal? ticks = i < s.Length && s[i] is 'P' or 'p' ? ParseIsoTicks(s, i + 1) : ParseGoTicks(s, i);
            if (ticks is not { } t)
            {
                return null;
            }

            t = decimal.Truncate(negative ? -t : t);
            return t >= TimeSpan.MinValue.Ticks && t <= TimeSpan.MaxValue.Ticks ? TimeSpan.FromTicks((long)t) : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Parses an RFC 3339 timestamp; null if invalid.</summary>
    internal static DateTimeOffset? ParseTimestamp(string s)
    {
        // 2006-01-02T15:04:05[.fraction](Z|+07:00)
        if (s.Length is < 20 or > 64 || s[4] != '-' || s[7] != '-' || s[10] is not ('T' or 't') || s[13] != ':' || s[16] != ':')
        {
            return null;
        }

        if (!TryDigits(s, 0, 4, out var year) || !TryDigits(s, 5, 2, out var month) || !TryDigits(s, 8, 2, out var day)
            || !TryDigits(s, 11, 2, out var hour) || !TryDigits(s, 14, 2, out var minute) || !TryDigits(s, 17, 2, out var second))
        {
            return null;
        }

        var i = 19;
        long fractionTicks = 0;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                return null;
            }

            var digits = s.AsSpan(start, Math.Min(i - start, 7)).ToString().PadRight(7, '0');
            fractionTicks = long.Parse(digits, CultureInfo.InvariantCulture);
        }

        if (i >= s.Length)
        {
            return null;
        }

        TimeSpan offset;
        if (s[i] is 'Z' or 'z' && i + 1 == s.Length)
        {
            offset = TimeSpan.Zero;
        }
        else if (s[i] is '+' or '-' && i + 6 == s.Length && s[i + 3] == ':' && TryDigits(s, i + 1, 2, out var oh) && TryDigits(s, i + 4, 2, out var om) && oh <= 23 && om <= 59)
        {
            offset = new TimeSpan(oh, om, 0) * (s[i] == '-' ? -1 : 1);
            if (offset.Duration() > TimeSpan.FromHours(14))
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return null;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        var utcTicks = local.Ticks - offset.Ticks;
        return utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks ? null : new DateTimeOffset(local, offset);
    }

    /// <summary>A duration in Go's notation: <c>1h30m0s</c>, <c>1.5s</c>, <c>250ms</c>, <c>0s</c>.</summary>
    internal static string FormatDuration(TimeSpan d)
    {
        if (d == TimeSpan.Zero)
        {
            return "0s";
        }

        var nanos = (Int128)d.Ticks * 100;
        var builder = new StringBuilder();
        if (nanos < 0)
        {
            builder.Append('-');
            nanos = -nanos;
        }

        const long Second = 1_000_000_000;
        if (nanos < Second)
        {
            var (unit, scale) = nanos < 1_000 ? ("ns", 1L) : nanos < 1_000_000 ? ("µs", 1_000L) : ("ms", 1_000_000L);
            AppendFraction(builder, nanos, scale);
            return builder.Append(unit).ToString();
        }

        var hours = nanos / (3600 * Second);
        var minutes = nanos / (60 * Second) % 60;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || minutes > 0)
        {
            builder.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        AppendFraction(builder, nanos % (60 * Second), Second);
        return builder.Append('s').ToString();
    }

    /// <summary>A timestamp in RFC 3339: <c>Z</c> for UTC, fractional seconds only when non-zero.</summary>
    internal static string FormatTimestamp(DateTimeOffset t) =>
        t.Offset == TimeSpan.Zero
            ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) + "Z"
            : t.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    private static void AppendFraction(StringBuilder builder, Int128 value, long scale)
    {
        builder.Append((value / scale).ToString(CultureInfo.InvariantCulture));
        var fraction = value % scale;
        if (fraction != 0)
        {
            var digits = scale.ToString(CultureInfo.InvariantCulture).Length - 1;
            builder.Append('.').Append(fraction.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0').TrimEnd('0'));
        }
    }

    private static decimal? ParseGoTicks(string s, int i)
    {
        if (s.AsSpan(i) is "0")
        {
            return 0;
        }

        if (i >= s.Length)
        {
            return null;
        }

        var total = 0m;
        while (i < s.Length)
        {
            if (ReadNumber(s, ref i) is not { } number)
            {
                return null;
            }

            var unitStart = i;
            while (i < s.Length && s[i] != '.' && !char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            decimal? ticksPerUnit = s.AsSpan(unitStart, i - unitStart) switch
            {
                "ns" => 0.01m,
                "us" or "µs" or "μs" => 10m,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                "d" => TimeSpan.TicksPerDay,
                _ => null,
            };
            if (ticksPerUnit is not { } scale)
            {
                return null;
            }

            total += number * scale;
        }

        return total;
    }

    private static decimal? ParseIsoTicks(string s, int i)
    {
        // P[nW][nD][T[nH][nM][nS]]: designators in this order, at least one, and at least one after T.
        const string Order = "WDHMS";
        var total = 0m;
        var next = 0;
        var inTime = false;
        var any = false;
        var anyTime = false;
        while (i < s.Length)
        {
            if (s[i] is 'T' or 't' && !inTime)
            {
                inTime = true;
                next = 2;
                i++;
                continue;
            }

            if (ReadNumber(s, ref i) is not { } number || i >= s.Length)
            {
                return null;
            }

            var designator = char.ToUpperInvariant(s[i++]);
            var position = Order.IndexOf(designator, next);
            if (position < 0 || (position >= 2) != inTime)
            {
                return null;
            }

            total += number * designator switch
            {
                'W' => TimeSpan.TicksPerDay * 7,
                'D' => TimeSpan.TicksPerDay,
                'H' => TimeSpan.TicksPerHour,
                'M' => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerSecond,
            };
            next = position + 1;
            any = true;
            anyTime |= inTime;
        }

        return any && (!inTime || anyTime) ? total : null;
    }

    /// <summary>Reads digits with an optional fraction (".5", "1.", "1.5"); at least one digit.</summary>
    private static decimal? ReadNumber(string s, ref int i)
    {
        var start = i;
        var digits = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
            digits++;
        }

        if (i < s.Length && s[i] == '.')
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return null;
        }

        var text = s.AsSpan(start, i - start);
        return decimal.TryParse(text.EndsWith(".") ? text[..^1] : text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    private static bool TryDigits(string s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (i >= s.Length || !char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
