// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using H = PolicyLang.Runtime.Builtins.HostBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class HostBuiltinsTests
{
    [Theory]
    [InlineData(0x1A4, "644", true)] // 0644
    [InlineData(0x1A0, "644", true)] // 0640
    [InlineData(0x180, "644", true)] // 0600
    [InlineData(0x0, "644", true)]
    [InlineData(0x1B4, "644", false)] // 0664
    [InlineData(0x1E4, "644", false)] // 0744
    [InlineData(0x1A5, "644", false)] // 0645
    [InlineData(0x9A4, "644", false)] // 04644: setuid is a permission beyond 0644
    [InlineData(0x9ED, "4755", true)] // 04755
    [InlineData(0x81A4, "644", true)] // a full st_mode of a regular file 0644
    [InlineData(0x1A4, "0644", true)]
    [InlineData(0x1A4, "0o644", true)]
    [InlineData(0x1A4, "-rw-r--r--", true)]
    [InlineData(0x1B4, "-rw-r--r--", false)]
    public void ModeAtMost_allows_no_bit_beyond_the_maximum(long mode, string max, bool expected)
    {
        H.Validate(1, max).ShouldBeNull();
        H.ModeAtMost(mode, max).ShouldBe(expected);
        H.ModeAtMost(mode, H.ParseMode(max)).ShouldBe(expected);
    }

    [Fact]
    public void ModeAtMost_is_false_for_absent_or_invalid_input()
    {
        H.ModeAtMost(null, "644").ShouldBeFalse();
        H.ModeAtMost(0x1A4, (string?)null).ShouldBeFalse();
        H.ModeAtMost(0x1A4, "abc").ShouldBeFalse();
        H.ModeAtMost(0x1A4, "999").ShouldBeFalse();
        H.ModeAtMost(null, 0x1A4).ShouldBeFalse();
        H.ModeAtMost(0x1A4, (long?)null).ShouldBeFalse();
    }

    [Theory]
    [InlineData(0x1A4, "0644")]
    [InlineData(0x0, "0000")]
    [InlineData(0x9ED, "4755")]
    [InlineData(0x3FF, "1777")]
    [InlineData(0x81A4, "0644")]
    public void ModeString_gives_four_octal_digits(long mode, string expected) => H.ModeString(mode).ShouldBe(expected);

    [Fact]
    public void ModeString_is_absent_for_absent_or_negative_modes()
    {
        H.ModeString(null).ShouldBeNull();
        H.ModeString(-1).ShouldBeNull();
    }

    [Theory]
    [InlineData("644", 0x1A4L)]
    [InlineData("0644", 0x1A4L)]
    [InlineData("0o644", 0x1A4L)]
    [InlineData("0O600", 0x180L)]
    [InlineData("4755", 0x9EDL)]
    [InlineData("7", 0x7L)]
    [InlineData("7777", 0xFFFL)]
    [InlineData("-rw-r--r--", 0x1A4L)]
    [InlineData("rw-r--r--", 0x1A4L)]
    [InlineData("drwxr-xr-x", 0x1EDL)]
    [InlineData("-rwsr-xr-x", 0x9EDL)]
    [InlineData("-rwSr--r--", 0x9A4L)]
    [InlineData("drwxrwsr-x", 0x5FDL)]
    [InlineData("drwxrwxrwt", 0x3FFL)]
    [InlineData("drwxrwxrwT", 0x3FEL)]
    [InlineData("-rw-r--r--.", 0x1A4L)]
    [InlineData("-rw-r--r--+", 0x1A4L)]
    [InlineData("abc", null)]
    [InlineData("", null)]
    [InlineData("999", null)]
    [InlineData("17777", null)]
    [InlineData("0o", null)]
    [InlineData("-rw-r--r-", null)]
    [InlineData("-rw-r--r-x-", null)]
    [InlineData("-rwxr-xr-s", null)]
    [InlineData("-wr-r--r--", null)]
    [InlineData("xrw-r--r--", null)]
    [InlineData(null, null)]
    public void ParseMode_reads_octal_and_symbolic_modes(string? text, long? expected)
    {
        H.ParseMode(text).ShouldBe(expected);
        if (text is not null)
        {
            (H.Validate(0, text) is null).ShouldBe(expected is not null);
        }
    }
}
