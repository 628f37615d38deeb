// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Net;
using System.Net.Sockets;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// A fixed set of networks for the address-class built-ins (private, loopback, link-local). IPv4 text, the common case
/// in events, is parsed to 32 bits and compared with masks without allocating; other text goes through
/// <see cref="IPAddress"/>, an IPv4-mapped IPv6 address counting as its IPv4 address.
/// </summary>
internal sealed class AddressRanges
{
    private readonly (uint Network, uint Mask)[] _v4;
    private readonly IPNetwork[] _networks;

    public AddressRanges(params string[] cidrs)
    {
        _networks = [.. cidrs.Select(IPNetwork.Parse)];
        _v4 = [.. _networks
            .Where(n => n.BaseAddress.AddressFamily == AddressFamily.InterNetwork)
            .Select(n => (Bits(n.BaseAddress), n.PrefixLength == 0 ? 0u : uint.MaxValue << (32 - n.PrefixLength)))];
    }

    /// <summary>True if the text is a valid address inside one of the networks; false if absent or invalid.</summary>
    public bool Contain(string? s)
    {
        if (s is null)
        {
            return false;
        }

        if (!s.Contains(':', StringComparison.Ordinal))
        {
            return NetworkBuiltins.TryParseIPv4(s, out var bits) && ContainV4(bits);
        }

        if (NetworkBuiltins.TryParseIp(s) is not { } ip)
        {
            return false;
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            return ContainV4(Bits(ip.MapToIPv4()));
        }

        foreach (var network in _networks)
        {
            if (NetworkBuiltins.Contains(network, ip))
            {
                return true;
            }
        }

        return false;
    }

    private bool ContainV4(uint bits)
    {
        foreach (var (network, mask) in _v4)
        {
            if ((bits & mask) == network)
            {
                return true;
            }
        }

        return false;
    }

    private static uint Bits(IPAddress v4)
    {
        Span<byte> bytes = stackalloc byte[4];
        v4.TryWriteBytes(bytes, out _);
        return ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
    }
}
