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
