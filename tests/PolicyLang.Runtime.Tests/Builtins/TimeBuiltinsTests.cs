// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Evaluation;
using T = PolicyLang.Runtime.Builtins.TimeBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class TimeBuiltinsTests
{
    public static TheoryData<string, TimeSpan> Durations() => new()
    {
        { "0", TimeSpan.Zero },
        { "-0", TimeSpan.Zero },
        { "0s", TimeSpan.Zero },
        { "1h30m", TimeSpan.FromMinutes(90) },
        { "90m", TimeSpan.FromMinutes(90) },
        { "250ms", TimeSpan.FromMilliseconds(250) },
        { "-5s", TimeSpan.FromSeconds(-5) },
        { "+5s", TimeSpan.FromSeconds(5) },
        { "1.5h", TimeSpan.FromMinutes(90) },
        { ".5s", TimeSpan.FromMilliseconds(500) },
        { "1.s", TimeSpan.FromSeconds(1) },
        { "1h1m1s1ms1us", new TimeSpan(0, 1, 1, 1, 1, 1) },
        { "1µs", TimeSpan.FromTicks(10) },
        { "1μs", TimeSpan.FromTicks(10) },
        { "100ns", TimeSpan.FromTicks(1) },
        { "2h45m30.5s", new TimeSpan(0, 2, 45, 30, 500) },
        { "7d", TimeSpan.FromDays(7) },
        { "1d12h", TimeSpan.FromHours(36) },
        { "PT1H30M", TimeSpan.FromMinutes(90) },
        { "P1D", TimeSpan.FromDays(1) },
        { "P2W", TimeSpan.FromDays(14) },
        { "P1DT12H", TimeSpan.FromHours(36) },
        { "PT0.5S", TimeSpan.FromMilliseconds(500) },
        { "-PT5S", TimeSpan.FromSeconds(-5) },
        { "pt1m", TimeSpan.FromMinutes(1) },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Duration_reads_go_and_iso_8601_syntax(string text, TimeSpan expected)
    {
        T.ValidateDuration(0, text).ShouldBeNull();
        T.Duration(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("h")]
    [InlineData("1x")]
    [InlineData("1hh")]
    [InlineData("1h 30m")]
    [InlineData(".s")]
    [InlineData("-")]
    [InlineData("1H")]
    [InlineData("100000000000h")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1Y")]
    [InlineData("P1M")]
    [InlineData("PT1D")]
    [InlineData("P1H")]
    [InlineData("PT1S1M")]
    [InlineData("P1D2W")]
    [InlineData("P1DT")]
    public void Invalid_durations_are_absent_and_rejected_as_constants(string text)
    {
        T.Duration(text).ShouldBeNull();
        T.ValidateDuration(0, text).ShouldNotBeNull().ShouldContain($"'{text}'");
    }

    [Fact]
    public void Durations_format_as_go_does()
    {
        T.FormatDuration(TimeSpan.Zero).ShouldBe("0s");
        T.FormatDuration(TimeSpan.FromMinutes(90)).ShouldBe("1h30m0s");
        T.FormatDuration(TimeSpan.FromSeconds(61)).ShouldBe("1m1s");
        T.FormatDuration(TimeSpan.FromSeconds(1.5)).ShouldBe("1.5s");
        T.FormatDuration(TimeSpan.FromSeconds(-5)).ShouldBe("-5s");
        T.FormatDuration(TimeSpan.FromMilliseconds(250)).ShouldBe("250ms");
        T.FormatDuration(TimeSpan.FromTicks(15)).ShouldBe("1.5µs");
        T.FormatDuration(TimeSpan.FromTicks(1)).ShouldBe("100ns");
        T.FormatDuration(TimeSpan.FromHours(49)).ShouldBe("49h0m0s");
        T.FormatDuration(TimeSpan.MinValue).ShouldStartWith("-");
        T.Duration(T.FormatDuration(TimeSpan.MaxValue)).ShouldBe(TimeSpan.MaxValue);
    }

    [Theory]
    [InlineData("2024-05-01T12:00:00Z", "2024-05-01T12:00:00+00:00")]
    [InlineData("2024-05-01t12:00:00z", "2024-05-01T12:00:00+00:00")]
    [InlineData("2024-05-01T14:00:00+02:00", "2024-05-01T14:00:00+02:00")]
    [InlineData("2024-05-01T06:30:00-05:30", "2024-05-01T06:30:00-05:30")]
    [InlineData("2024-05-01T12:00:00.5Z", "2024-05-01T12:00:00.5000000+00:00")]
    [InlineData("2024-05-01T12:00:00.123456789Z", "2024-05-01T12:00:00.1234567+00:00")]
    [InlineData("2024-02-29T00:00:00Z", "2024-02-29T00:00:00+00:00")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00")]
    public void Timestamp_reads_rfc_3339(string text, string expected)
    {
        T.ValidateTimestamp(0, text).ShouldBeNull();
        T.Timestamp(text).ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
        T.Timestamp(text)?.Offset.ShouldBe(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2024-05-01")]
    [InlineData("2024-05-01T12:00:00")]
    [InlineData("2024-05-01 12:00:00Z")]
    [InlineData("2024-02-30T00:00:00Z")]
    [InlineData("2023-02-29T00:00:00Z")]
    [InlineData("2024-13-01T00:00:00Z")]
    [InlineData("2024-05-01T24:00:00Z")]
    [InlineData("2024-05-01T12:60:00Z")]
    [InlineData("2024-05-01T12:00:60Z")]
    [InlineData("2024-05-01T12:00:00.Z")]
    [InlineData("2024-05-01T12:00:00+2:00")]
    [InlineData("2024-05-01T12:00:00+15:00")]
    [InlineData("2024-05-01T12:00:00Zjunk")]
    [InlineData("0000-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("May 1, 2024")]
    public void Invalid_timestamps_are_absent_and_rejected_as_constants(string text)
    {
        T.Timestamp(text).ShouldBeNull();
        T.ValidateTimestamp(0, text).ShouldNotBeNull().ShouldContain($"'{text}'");
    }

    [Fact]
    public void Timestamps_format_as_rfc_3339()
    {
        T.FormatTimestamp(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)).ShouldBe("2024-01-02T03:04:05Z");
        T.FormatTimestamp(new DateTimeOffset(2024, 1, 2, 3, 4, 5, 500, TimeSpan.FromHours(2))).ShouldBe("2024-01-02T03:04:05.5+02:00");
        var t = T.Timestamp("2024-05-01T12:00:00.123Z").ShouldNotBeNull();
        T.Timestamp(T.FormatTimestamp(t)).ShouldBe(t);
    }

    [Fact]
    public void Now_reads_the_evaluation_clock()
    {
        var clock = new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero);
        T.Now(new EvaluationContext(Inventory.Empty, clock)).ShouldBe(clock);
        T.Now(null).ShouldBeNull();
    }

    [Fact]
    public void Unix_seconds_and_duration_seconds()
    {
        T.DurationSeconds(TimeSpan.FromSeconds(90)).ShouldBe(90.0);
        T.DurationSeconds(TimeSpan.FromMilliseconds(1500)).ShouldBe(1.5);
        T.DurationSeconds(null).ShouldBeNull();
        T.UnixSeconds(DateTimeOffset.UnixEpoch.AddMinutes(1)).ShouldBe(60);
        T.UnixSeconds(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)).ShouldBe(-1);
        T.UnixSeconds(null).ShouldBeNull();
        T.TimestampFromUnix(0).ShouldBe(DateTimeOffset.UnixEpoch);
        T.TimestampFromUnix(1714564800).ShouldBe(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero));
        T.TimestampFromUnix(253402300799).ShouldNotBeNull();
        T.TimestampFromUnix(253402300800).ShouldBeNull();
        T.TimestampFromUnix(long.MinValue).ShouldBeNull();
        T.TimestampFromUnix(null).ShouldBeNull();
    }
}
