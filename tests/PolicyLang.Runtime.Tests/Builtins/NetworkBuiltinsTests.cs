// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using N = PolicyLang.Runtime.Builtins.NetworkBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class NetworkBuiltinsTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0", false)]
    [InlineData("10.0.0.1/8", "10.255.255.255", true)]
    [InlineData("192.168.1.0/24", "192.168.1.255", true)]
    [InlineData("192.168.1.0/24", "192.168.2.0", false)]
    [InlineData("192.168.1.7/32", "192.168.1.7", true)]
    [InlineData("192.168.1.7/32", "192.168.1.8", false)]
    [InlineData("0.0.0.0/0", "203.0.113.9", true)]
    [InlineData("0.0.0.0/0", "::1", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "10.1.0.0/16", true)]
    [InlineData("10.0.0.0/16", "10.0.0.0/8", false)]
    [InlineData("10.0.0.0/8", "10.0.0.0/8", true)]
    [InlineData("10.0.0.0/8", "11.0.0.0/16", false)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:db8::/32", "2001:db8:1::/48", true)]
    [InlineData("2001:db8:1::/48", "2001:db8::/32", false)]
    [InlineData("fd00::/8", "fd12:3456::1", true)]
    [InlineData("fe80::/10", "febf::1", true)]
    [InlineData("fe80::/10", "fec0::1", false)]
    [InlineData("::/0", "2001:db8::1", true)]
    [InlineData("::/0", "10.0.0.1", false)]
    [InlineData("2001:db8::1/128", "2001:db8::1", true)]
    [InlineData("2001:db8::1/128", "2001:db8::2", false)]
    [InlineData("2001:db8::/32", "10.0.0.1", false)]
    public void CidrContains_works_for_ipv4_and_ipv6(string cidr, string ipOrCidr, bool expected)
    {
        N.ValidateCidrContains(0, cidr).ShouldBeNull();
        N.ValidateCidrContains(1, ipOrCidr).ShouldBeNull();
        N.CidrContains(cidr, ipOrCidr).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, "10.0.0.1")]
    [InlineData("10.0.0.0/8", null)]
    [InlineData("10.0.0.0", "10.0.0.0")]
    [InlineData("10.0.0.0/33", "10.0.0.1")]
    [InlineData("10.0.0.0/-1", "10.0.0.1")]
    [InlineData("10.0.0.0/08", "10.0.0.1")]
    [InlineData("10.0.0.0/", "10.0.0.1")]
    [InlineData("2001:db8::/129", "2001:db8::1")]
    [InlineData("10.0.0.0/8", "10.1")]
    [InlineData("10.0.0.0/8", "010.0.0.1")]
    [InlineData("10.0.0.0/8", "10.0.0.256")]
    [InlineData("10.0.0.0/8", "10.0.0.1.2")]
    [InlineData("10.0.0.0/8", "10..0.1")]
    [InlineData("fe80::/10", "fe80::1%eth0")]
    [InlineData("10.0.0.0/8", "[::1]")]
    [InlineData("10.0.0.0/8", "host.example.com")]
    public void CidrContains_is_false_for_absent_or_invalid_input(string? cidr, string? ipOrCidr) =>
        N.CidrContains(cidr, ipOrCidr).ShouldBeFalse();

    [Fact]
    public void CidrOverlaps_checks_both_directions()
    {
        N.CidrOverlaps("10.0.0.0/16", "10.0.128.0/17").ShouldBeTrue();
        N.CidrOverlaps("10.0.128.0/17", "10.0.0.0/16").ShouldBeTrue();
        N.CidrOverlaps("10.0.0.0/17", "10.0.128.0/17").ShouldBeFalse();
        N.CidrOverlaps("2001:db8::/32", "2001:db8:5::/48").ShouldBeTrue();
        N.CidrOverlaps("10.0.0.0/8", "::/0").ShouldBeFalse();
        N.CidrOverlaps("10.0.0.0/8", null).ShouldBeFalse();
        N.CidrOverlaps(null, "10.0.0.0/8").ShouldBeFalse();
        N.CidrOverlaps("10.0.0.0/8", "10.0.0.1").ShouldBeFalse();
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("255.255.255.255", true)]
    [InlineData("::", true)]
    [InlineData("::1", true)]
    [InlineData("2001:db8::8a2e:370:7334", true)]
    [InlineData("::ffff:192.0.2.1", true)]
    [InlineData("1", false)]
    [InlineData("1.2.3", false)]
    [InlineData("01.2.3.4", false)]
    [InlineData("1.2.3.4 ", false)]
    [InlineData("256.1.1.1", false)]
    [InlineData("2001:db8:::1", false)]
    [InlineData("fe80::1%eth0", false)]
    [InlineData("10.0.0.0/8", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IpValid_is_strict(string? s, bool expected) => N.IpValid(s).ShouldBe(expected);

    [Theory]
    [InlineData("10.0.0.0/8", true)]
    [InlineData("10.1.2.3/8", true)]
    [InlineData("2001:db8::/32", true)]
    [InlineData("::/0", true)]
    [InlineData("10.0.0.0", false)]
    [InlineData("10.0.0.0/33", false)]
    [InlineData("10.0.0.0/8/8", false)]
    [InlineData("/8", false)]
    [InlineData(null, false)]
    public void CidrValid_accepts_networks_with_host_bits(string? s, bool expected) => N.CidrValid(s).ShouldBe(expected);

    [Theory]
    [InlineData("10.0.0.1", true, false, false)]
    [InlineData("172.16.0.1", true, false, false)]
    [InlineData("172.31.255.255", true, false, false)]
    [InlineData("172.32.0.1", false, false, false)]
    [InlineData("192.168.10.1", true, false, false)]
    [InlineData("8.8.8.8", false, false, false)]
    [InlineData("127.0.0.1", false, true, false)]
    [InlineData("127.255.0.9", false, true, false)]
    [InlineData("169.254.169.254", false, false, true)]
    [InlineData("fd12::1", true, false, false)]
    [InlineData("fc00::1", true, false, false)]
    [InlineData("fe80::1", false, false, true)]
    [InlineData("::1", false, true, false)]
    [InlineData("2001:db8::1", false, false, false)]
    [InlineData("::ffff:10.0.0.1", true, false, false)]
    [InlineData("::ffff:127.0.0.1", false, true, false)]
    [InlineData("not-an-ip", false, false, false)]
    [InlineData(null, false, false, false)]
    public void Address_classes(string? ip, bool isPrivate, bool isLoopback, bool isLinkLocal)
    {
        N.IpIsPrivate(ip).ShouldBe(isPrivate);
        N.IpIsLoopback(ip).ShouldBe(isLoopback);
        N.IpIsLinkLocal(ip).ShouldBe(isLinkLocal);
    }

    [Fact]
    public void IpVersion_names_the_family()
    {
        N.IpVersion("10.0.0.1").ShouldBe(4);
        N.IpVersion("::1").ShouldBe(6);
        N.IpVersion("::ffff:10.0.0.1").ShouldBe(4);
        N.IpVersion("x").ShouldBeNull();
        N.IpVersion(null).ShouldBeNull();
    }

    [Fact]
    public void Constant_cidrs_and_addresses_are_validated()
    {
        N.ValidateCidrContains(0, "10.0.0.0/33").ShouldNotBeNull().ShouldContain("10.0.0.0/33");
        N.ValidateCidrContains(0, "10.0.0.1").ShouldNotBeNull();
        N.ValidateCidrContains(1, "10.0.0.300").ShouldNotBeNull();
        N.ValidateCidrContains(1, "10.0.0.0/40").ShouldNotBeNull();
        N.ValidateCidrContains(1, "10.0.0.3").ShouldBeNull();
        N.ValidateCidrOverlaps(1, "10.0.0.3").ShouldNotBeNull();
        N.ValidateCidrOverlaps(0, "10.0.0.0/8").ShouldBeNull();
    }
}
