// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using PolicyLang.Runtime.Adapters.Binding;

namespace PolicyLang.Runtime.Tests.Adapters;

/// <summary>The direct reading of UTF-8 times must give exactly what the text parser gives, for every input.</summary>
public sealed class Rfc3339Tests
{
    [Fact]
    public void Utf8_times_read_as_the_text_parser_reads_them()
    {
        var random = new Random(3339);
        for (var i = 0; i < 20_000; i++)
        {
            var text = Generate(random);
            var direct = Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out var fromBytes);
            var general = Rfc3339.TryParse(text, out var fromText);

            (direct, fromBytes.UtcTicks, fromBytes.Offset).ShouldBe((general, fromText.UtcTicks, fromText.Offset), text);
        }
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00.0001+00:00", "2026-11-20T10:00:00.0001000+00:00")]
    [InlineData("2024-03-14T15:20:31.123456789Z", "2024-03-14T15:20:31.1234567+00:00")]
    [InlineData("2024-03-14T15:00:00.5-05:30", "2024-03-14T20:30:00.5000000+00:00")]
    [InlineData("2024-02-29T23:59:59+14:00", "2024-02-29T09:59:59.0000000+00:00")]
    public void Common_forms_are_read_to_utc(string text, string expected)
    {
        Rfc3339.TryParse(Encoding.UTF8.GetBytes(text), out var time).ShouldBeTrue();

        time.ToString("O", CultureInfo.InvariantCulture).ShouldBe(expected);
    }

    private static string Generate(Random random)
    {
        string Two(int max) => random.Next(max).ToString("00", CultureInfo.InvariantCulture);
        var year = random.Next(12) switch { 0 => "0000", 1 => "0001", 2 => "9999", 3 => random.Next(100).ToString(CultureInfo.InvariantCulture), _ => random.Next(1900, 2100).ToString(CultureInfo.InvariantCulture) };
        var text = $"{year}-{Two(14)}-{Two(33)}{Pick(random, "T", "T", "T", "t", " ")}{Two(26)}:{Two(62)}:{Two(62)}";
        if (random.Next(2) == 0)
        {
            text += "." + string.Concat(Enumerable.Range(0, random.Next(13)).Select(_ => (char)('0' + random.Next(10))));
        }

        text += random.Next(6) switch
        {
            0 => "Z",
            1 => Pick(random, "z", "", "+0100", "+01", " Z", "Z "),
            _ => Pick(random, "+", "-") + Two(16) + Pick(random, ":", ":", ":", "") + Two(62),
        };

        if (random.Next(20) == 0)
        {
            text = text.Insert(random.Next(text.Length), Pick(random, "x", " ", "1", "-", "é"));
        }

        return text;
    }

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];
}
