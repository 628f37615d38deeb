// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Buffers.Binary;
using System.Text;

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// Gives the same string for the same short UTF-8 bytes: an event stream repeats its values (event types, process and
/// container names, images, namespaces, label keys) on every line, so one string each, instead of one per line, saves
/// most of the decoding and the allocations. A fixed table, a slot per hash, the last value wins: memory stays bounded
/// whatever the stream holds, and a miss only costs the decoding it would have cost anyway.
/// </summary>
internal sealed class Utf8StringCache
{
    /// <summary>The longest value cached, in bytes; longer ones (command lines, paths) repeat less and are decoded.</summary>
    public const int MaxLength = 48;

    private const int Slots = 4096;

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>The string of the bytes (well-formed UTF-8), from the table when it holds them.</summary>
    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxLength)
        {
            return Encoding.UTF8.GetString(utf8);
        }

        ref var entry = ref _entries[Hash(utf8) & (Slots - 1)];
        if (entry.Bytes is { } bytes && utf8.SequenceEqual(bytes))
        {
            return entry.Text;
        }

        var text = Encoding.UTF8.GetString(utf8);
        entry = new Entry(utf8.ToArray(), text);
        return text;
    }

    private static uint Hash(ReadOnlySpan<byte> bytes)
    {
        // FNV-1a over 4-byte words, then the tail: fast for short values, spread enough for a table of 1024.
        var hash = 2166136261u ^ (uint)bytes.Length;
        while (bytes.Length >= 4)
        {
            hash = (hash ^ BinaryPrimitives.ReadUInt32LittleEndian(bytes)) * 16777619u;
            bytes = bytes[4..];
        }

        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash ^ (hash >> 15);
    }

    private readonly record struct Entry(byte[]? Bytes, string Text);
}
