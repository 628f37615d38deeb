// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Net;
using System.Net.Sockets;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// IP address and CIDR built-ins, for IPv4 and IPv6. Parsing is strict: IPv4 is four dotted decimal numbers
/// without leading zeros (<c>010.0.0.1</c> and <c>10.1</c> are invalid, as in Go and Kubernetes), IPv6 has no zone
/// (<c>%eth0</c>). A CIDR may have host bits set (<c>10.0.0.1/8</c> means <c>10.0.0.0/8</c>, as Go's ParseCIDR reads it).
/// An IPv4-mapped IPv6 address (<c>::ffff:10.0.0.1</c>) is treated as its IPv4 address.
/// Invalid or absent input gives false.
/// </summary>
public static class NetworkBuiltins
{
    private static readonly AddressRanges PrivateNetworks = new("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7");

    private static readonly AddressRanges LoopbackNetworks = new("127.0.0.0/8", "::1/128");

    private static readonly AddressRanges LinkLocalNetworks = new("169.254.0.0/16", "fe80::/10");

    [Builtin("cidrContains", BuiltinCategories.Network, "True if the network contains the address, or the whole of the other network. False if either is absent or invalid, or they are of different IP versions.", Example = "cidrContains(\"10.0.0.0/8\", \"10.1.2.3\") and cidrContains(\"2001:db8::/32\", \"2001:db8:1::/48\")", ConstantValidator = nameof(ValidateCidrContains))]
    public static bool CidrContains([Doc("The network, e.g. \"10.0.0.0/8\" or \"fd00::/8\".")] string? cidr, [Doc("An address (\"10.1.2.3\") or a network (\"10.1.0.0/16\").")] string? ipOrCidr)
    {
        if (cidr is null || ipOrCidr is null || TryParseCidr(cidr) is not { } outer)
        {
            return false;
        }

        if (ipOrCidr.Contains('/', StringComparison.Ordinal))
        {
            return TryParseCidr(ipOrCidr) is { } inner && inner.PrefixLength >= outer.PrefixLength && Contains(outer, inner.BaseAddress);
        }

        return TryParseIp(ipOrCidr) is { } ip && Contains(outer, ip);
    }

    [Builtin("cidrOverlaps", BuiltinCategories.Network, "True if the two networks share at least one address. False if either is absent or invalid, or they are of different IP versions.", Example = "cidrOverlaps(\"10.0.0.0/16\", \"10.0.128.0/17\")", ConstantValidator = nameof(ValidateCidrOverlaps))]
    public static bool CidrOverlaps([Doc("A network.")] string? a, [Doc("Another network.")] string? b) =>
        a is not null && b is not null && TryParseCidr(a) is { } x && TryParseCidr(b) is { } y
        && (Contains(x, y.BaseAddress) || Contains(y, x.BaseAddress));

    [Builtin("cidrValid", BuiltinCategories.Network, "True if s is an IPv4 or IPv6 network in CIDR notation (host bits may be set). False if absent.", Example = "cidrValid(\"192.168.0.0/16\")")]
    public static bool CidrValid([Doc("The text to check.")] string? s) => s is not null && TryParseCidr(s) is not null;

    [Builtin("ipValid", BuiltinCategories.Network, "True if s is an IPv4 or IPv6 address. False if absent.", Example = "ipValid(\"2001:db8::1\")")]
    public static bool IpValid([Doc("The text to check.")] string? s) => s is not null && TryParseIp(s) is not null;

    [Builtin("ipVersion", BuiltinCategories.Network, "4 or 6 for a valid address (4 for an IPv4-mapped IPv6 address). Absent if s is absent or invalid.", Example = "ipVersion(\"::1\") == 6")]
    public static long? IpVersion([Doc("The address.")] string? s) =>
        s is not null && TryParseIp(s) is { } ip ? (ip.AddressFamily == AddressFamily.InterNetwork || ip.IsIPv4MappedToIPv6 ? 4 : 6) : null;

    [Builtin("ipIsPrivate", BuiltinCategories.Network, "True if the address is private: RFC 1918 (10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) or an IPv6 unique local address (fc00::/7). False if absent or invalid.", Example = "ipIsPrivate(\"172.20.0.5\")")]
    public static bool IpIsPrivate([Doc("The address.")] string? s) => PrivateNetworks.Contain(s);

    [Builtin("ipIsLoopback", BuiltinCategories.Network, "True if the address is a loopback address (127.0.0.0/8, ::1). False if absent or invalid.", Example = "ipIsLoopback(\"127.0.0.53\")")]
    public static bool IpIsLoopback([Doc("The address.")] string? s) => LoopbackNetworks.Contain(s);

    [Builtin("ipIsLinkLocal", BuiltinCategories.Network, "True if the address is link-local (169.254.0.0/16, which includes cloud metadata endpoints, or fe80::/10). False if absent or invalid.", Example = "ipIsLinkLocal(\"169.254.169.254\")")]
    public static bool IpIsLinkLocal([Doc("The address.")] string? s) => LinkLocalNetworks.Contain(s);

    /// <summary>
    /// The constant validator of <c>cidrContains</c>: argument 0 (0-based, among the arguments the policy writes) must
    /// be a network, argument 1 an address or a network. Returns the error message for an invalid constant, or null.
    /// At run time invalid text gives false.
    /// </summary>
    public static string? ValidateCidrContains(int argumentIndex, object? constantValue) => (argumentIndex, constantValue) switch
    {
        (0, string cidr) => CidrError(cidr),
        (1, string text) when text.Contains('/', StringComparison.Ordinal) => CidrError(text),
        (1, string text) => TryParseIp(text) is null ? $"invalid IP address '{text}'" : null,
        _ => null,
    };

    /// <summary>The constant validator of <c>cidrOverlaps</c>: both arguments must be networks.</summary>
    public static string? ValidateCidrOverlaps(int argumentIndex, object? constantValue) =>
        argumentIndex is 0 or 1 && constantValue is string cidr ? CidrError(cidr) : null;

    /// <summary>Parses an address strictly, as written (an IPv4-mapped IPv6 address stays IPv6).</summary>
    internal static IPAddress? TryParseIp(string s)
    {
        if (s.Contains(':', StringComparison.Ordinal))
        {
            return s.Contains('%', StringComparison.Ordinal) || s.Contains('[', StringComparison.Ordinal)
                || !IPAddress.TryParse(s, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6 ? null : v6;
        }

        return TryParseIPv4(s);
    }

    /// <summary>Parses a CIDR, clearing host bits.</summary>
    internal static IPNetwork? TryParseCidr(string s)
    {
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || TryParseIp(s[..slash]) is not { } address)
        {
            return null;
        }

        var prefixText = s.AsSpan(slash + 1);
        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefixText.Length is 0 or > 3 || !prefixText.ContainsOnlyDigits() || (prefixText.Length > 1 && prefixText[0] == '0'))
        {
            return null;
        }

        var prefix = int.Parse(prefixText, provider: System.Globalization.CultureInfo.InvariantCulture);
        if (prefix > bits)
        {
            return null;
        }

        var bytes = address.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var keep = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF00 >> keep);
        }

        return new IPNetwork(new IPAddress(bytes), prefix);
    }

    private static string? CidrError(string text) =>
        TryParseCidr(text) is null ? $"invalid CIDR '{text}': expected an IPv4 or IPv6 network such as \"10.0.0.0/8\" or \"fd00::/8\"" : null;

    internal static bool Contains(IPNetwork network, IPAddress address)
    {
        if (network.BaseAddress.AddressFamily == AddressFamily.InterNetwork && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return network.BaseAddress.AddressFamily == address.AddressFamily && network.Contains(address);
    }

    private static IPAddress? TryParseIPv4(string s) => TryParseIPv4(s, out var bits) ? new IPAddress([(byte)(bits >> 24), (byte)(bits >> 16), (byte)(bits >> 8), (byte)bits]) : null;

    /// <summary>Parses a dotted-quad IPv4 address strictly (four decimal parts, no leading zeros) into its 32 bits, without allocating.</summary>
    internal static bool TryParseIPv4(ReadOnlySpan<char> s, out uint bits)
    {
        // One pass: each part is one to three digits, no leading zero, at most 255; exactly four parts.
        bits = 0;
        var parts = 0;
        var value = 0;
        var digits = 0;
        for (var i = 0; i <= s.Length; i++)
        {
            var c = i < s.Length ? s[i] : '.';
            if (c == '.')
            {
                if (digits == 0 || parts == 4)
                {
                    return false;
                }

                bits = (bits << 8) | (uint)value;
                parts++;
                value = 0;
                digits = 0;
            }
            else if (c is >= '0' and <= '9' && digits < 3 && !(digits == 1 && value == 0))
            {
                value = (value * 10) + (c - '0');
                digits++;
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        return parts == 4;
    }
}
