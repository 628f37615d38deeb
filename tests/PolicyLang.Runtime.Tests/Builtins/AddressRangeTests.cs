// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Net;
using PolicyLang.Runtime.Builtins;

namespace PolicyLang.Runtime.Tests.Builtins;

/// <summary>
/// The address-class built-ins parse IPv4 text without allocating; their answers must be those of parsing with
/// <see cref="IPAddress"/> (strict dotted quads) and testing <see cref="IPNetwork"/> membership, for valid, invalid and
/// IPv6 text alike.
/// </summary>
public sealed class AddressRangeTests
{
    private static readonly (string Name, Func<string?, bool> Builtin, string[] Networks)[] Classes =
    [
        ("ipIsPrivate", NetworkBuiltins.IpIsPrivate, ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]),
        ("ipIsLoopback", NetworkBuiltins.IpIsLoopback, ["127.0.0.0/8", "::1/128"]),
        ("ipIsLinkLocal", NetworkBuiltins.IpIsLinkLocal, ["169.254.0.0/16", "fe80::/10"]),
    ];

    [Fact]
    public void Address_classes_agree_with_IPNetwork_on_generated_addresses()
    {
        foreach (var text in Addresses())
        {
            foreach (var (name, builtin, networks) in Classes)
            {
                builtin(text).ShouldBe(Reference(text, networks), $"{name}(\"{text}\")");
            }
        }
    }

    [Theory]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.31.255.255", true)]
    [InlineData("172.32.0.0", false)]
    [InlineData("192.168.0.1", true)]
    [InlineData("010.1.2.3", false)]
    [InlineData("10.1.2", false)]
    [InlineData("10.1.2.3.4", false)]
    [InlineData("10.1.2.256", false)]
    [InlineData("10..2.3", false)]
    [InlineData("10.1.2.3 ", false)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Private_addresses(string? text, bool expected) => NetworkBuiltins.IpIsPrivate(text).ShouldBe(expected);

    [Fact]
    public void Dotted_quads_parse_to_their_bits_and_nothing_else_parses()
    {
        NetworkBuiltins.TryParseIPv4("1.2.3.4", out var bits).ShouldBeTrue();
        bits.ShouldBe(0x01020304u);
        NetworkBuiltins.TryParseIPv4("255.255.255.255", out bits).ShouldBeTrue();
        bits.ShouldBe(uint.MaxValue);
        NetworkBuiltins.TryParseIPv4("0.0.0.0", out bits).ShouldBeTrue();
        bits.ShouldBe(0u);
        foreach (var bad in new[] { "", ".", "1.2.3.", ".1.2.3", "1.2.3.4.", "1.2.3.04", "00.1.2.3", "1.2.3.1000", "1.2.3.a", "+1.2.3.4", "1.2.3.4\n", "١.٢.٣.٤" })
        {
            NetworkBuiltins.TryParseIPv4(bad, out _).ShouldBeFalse(bad);
        }
    }

    private static bool Reference(string? text, string[] networks)
    {
        if (text is null || NetworkBuiltins.TryParseIp(text) is not { } ip)
        {
            return false;
        }

        var address = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
        return networks.Select(IPNetwork.Parse).Any(n => n.BaseAddress.AddressFamily == address.AddressFamily && n.Contains(address));
    }

    private static IEnumerable<string?> Addresses()
    {
        var random = new Random(20261207);
        int[] interesting = [0, 1, 9, 10, 15, 16, 31, 32, 99, 100, 126, 127, 128, 168, 169, 171, 172, 191, 192, 193, 223, 224, 254, 255, 256, 300, 999];
        yield return null;
        for (var i = 0; i < 20_000; i++)
        {
            var parts = Enumerable.Range(0, random.Next(10) == 0 ? random.Next(1, 7) : 4)
                .Select(_ => random.Next(3) == 0 ? interesting[random.Next(interesting.Length)] : random.Next(256))
                .Select(p => random.Next(40) == 0 ? "0" + p.ToString(CultureInfo.InvariantCulture) : p.ToString(CultureInfo.InvariantCulture))
                .ToArray();
            var text = string.Join(random.Next(50) == 0 ? ".." : ".", parts);
            yield return random.Next(30) == 0 ? "::ffff:" + text : text;
        }

        foreach (var v6 in new[] { "::1", "::2", "fe80::1", "fec0::1", "fc00::1", "fbff::1", "2001:db8::1", "::", "fe80::1%eth0", "[::1]", "1::2::3" })
        {
            yield return v6;
        }
    }
}
