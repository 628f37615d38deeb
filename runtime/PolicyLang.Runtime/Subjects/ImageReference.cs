// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Serialization;

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// A container image reference, normalised as the container runtime resolves it:
/// <c>nginx</c> is <c>docker.io/library/nginx:latest</c>.
/// </summary>
public sealed class ImageReference
{
    private const string DefaultRegistry = "docker.io";
    private const int MaxNameLength = 255;
    private const int MaxReferenceLength = 1024;

    /// <summary>The reference as written.</summary>
    [JsonPropertyName("original")]
    public string Original { get; init; } = string.Empty;

    /// <summary>The fully qualified reference, e.g. <c>docker.io/library/nginx:latest</c>.</summary>
    [JsonPropertyName("full")]
    public string Full { get; init; } = string.Empty;

    /// <summary>The registry host (and port), e.g. <c>docker.io</c>, <c>registry.example.com:5000</c>.</summary>
    [JsonPropertyName("registry")]
    public string Registry { get; init; } = DefaultRegistry;

    /// <summary>The repository path within the registry, e.g. <c>library/nginx</c>.</summary>
    [JsonPropertyName("repository")]
    public string Repository { get; init; } = string.Empty;

    /// <summary>The last component of the repository, e.g. <c>nginx</c>.</summary>
    [JsonPropertyName("name")]
    public string Name { get; init; } = string.Empty;

    /// <summary>The tag: as written, <c>latest</c> when neither tag nor digest is given, absent with a digest only.</summary>
    [JsonPropertyName("tag")]
    public string? Tag { get; init; }

    /// <summary>The digest, e.g. <c>sha256:…</c>, when the reference pins one.</summary>
    [JsonPropertyName("digest")]
    public string? Digest { get; init; }

    /// <summary>True when the reference could be parsed.</summary>
    [JsonPropertyName("valid")]
    public bool Valid { get; init; }

    /// <summary>
    /// Parses and normalises a reference as the container runtime does (the distribution/reference grammar):
    /// the first path component is the registry when it contains '.' or ':', is <c>localhost</c>, or has upper-case
    /// letters; otherwise the registry is docker.io, where a one-component repository gets <c>library/</c>.
    /// Never throws: an invalid reference has <see cref="Valid"/> false.
    /// </summary>
    public static ImageReference Parse(string? reference)
    {
        var original = reference ?? string.Empty;
        var text = original.Trim();
        if (text.Length == 0 || text.Length > MaxReferenceLength || text.Any(char.IsWhiteSpace))
        {
            return Invalid(original);
        }

        string? digest = null;
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            digest = text[(at + 1)..];
            text = text[..at];
            if (!IsDigest(digest))
            {
                return Invalid(original);
            }
        }

        string? tag = null;
        var lastSlash = text.LastIndexOf('/');
        var colon = text.LastIndexOf(':');
        if (colon > lastSlash)
        {
            tag = text[(colon + 1)..];
            text = text[..colon];
            if (!IsTag(tag))
            {
                return Invalid(original);
            }
        }

        string registry;
        string repository;
        var firstSlash = text.IndexOf('/', StringComparison.Ordinal);
        var first = firstSlash < 0 ? string.Empty : text[..firstSlash];
        if (firstSlash >= 0 && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal)
            || first == "localhost" || !first.Equals(first.ToLowerInvariant(), StringComparison.Ordinal)))
        {
            if (!IsRegistry(first))
            {
                return Invalid(original);
            }

            registry = first;
            repository = text[(firstSlash + 1)..];
        }
        else
        {
            // A bare 64-hex-digit name is an image ID, not a repository.
            if (text.Length == 64 && text.All(char.IsAsciiHexDigitLower))
            {
                return Invalid(original);
            }

            registry = DefaultRegistry;
            repository = text;
        }

        if (registry is "index.docker.io" or "registry-1.docker.io")
        {
            registry = DefaultRegistry;
        }

        if (registry == DefaultRegistry && !repository.Contains('/', StringComparison.Ordinal))
        {
            repository = "library/" + repository;
        }

        if (repository.Length == 0 || registry.Length + 1 + repository.Length > MaxNameLength || !repository.Split('/').All(IsPathComponent))
        {
            return Invalid(original);
        }

        if (tag is null && digest is null)
        {
            tag = "latest";
        }

        var full = registry + "/" + repository + (tag is null ? string.Empty : ":" + tag) + (digest is null ? string.Empty : "@" + digest);
        return new ImageReference
        {
            Original = original,
            Full = full,
            Registry = registry,
            Repository = repository,
            Name = repository[(repository.LastIndexOf('/') + 1)..],
            Tag = tag,
            Digest = digest,
            Valid = true,
        };
    }

    public override string ToString() => Full;

    private static ImageReference Invalid(string original) => new() { Original = original, Full = original, Valid = false };

    /// <summary>path-component := [a-z0-9]+ (separator [a-z0-9]+)*, separator := [_.] | __ | [-]+.</summary>
    private static bool IsPathComponent(string component)
    {
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < component.Length && (char.IsAsciiLetterLower(component[i]) || char.IsAsciiDigit(component[i])))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }

            if (i == component.Length)
            {
                return true;
            }

            var separator = i;
            while (i < component.Length && component[i] is '.' or '_' or '-')
            {
                i++;
            }

            var run = component.AsSpan(separator, i - separator);
            if (!(run is "." or "_" or "__" || !run.ContainsAnyExcept('-')))
            {
                return false;
            }
        }
    }

    /// <summary>host[:port], host := domain-name | IPv4 | [IPv6]; domain components [a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?.</summary>
    private static bool IsRegistry(string registry)
    {
        var host = registry;
        if (registry.StartsWith('['))
        {
            var close = registry.IndexOf(']', StringComparison.Ordinal);
            if (close < 0 || !System.Net.IPAddress.TryParse(registry[1..close], out var v6)
                || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                return false;
            }

            return close == registry.Length - 1 || IsPort(registry[(close + 1)..]);
        }

        var colon = registry.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            host = registry[..colon];
            if (!IsPort(registry[colon..]))
            {
                return false;
            }
        }

        return host.Length > 0 && host.Split('.').All(c =>
            c.Length > 0 && char.IsAsciiLetterOrDigit(c[0]) && char.IsAsciiLetterOrDigit(c[^1]) && c.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-'));
    }

    private static bool IsPort(string colonAndPort) =>
        colonAndPort.Length is > 1 and <= 6 && colonAndPort[0] == ':' && colonAndPort.Skip(1).All(char.IsAsciiDigit);

    /// <summary>tag := [\w][\w.-]{0,127}.</summary>
    private static bool IsTag(string tag) =>
        tag.Length is > 0 and <= 128 && (char.IsAsciiLetterOrDigit(tag[0]) || tag[0] == '_')
        && tag.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    /// <summary>A digest the runtime accepts: sha256, sha384 or sha512 with the right number of lower-case hex digits.</summary>
    private static bool IsDigest(string digest)
    {
        var colon = digest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var length = digest[..colon] switch
        {
            "sha256" => 64,
            "sha384" => 96,
            "sha512" => 128,
            _ => -1,
        };
        var hex = digest.AsSpan(colon + 1);
        return hex.Length == length && !hex.ContainsAnyExcept("0123456789abcdef");
    }
}
