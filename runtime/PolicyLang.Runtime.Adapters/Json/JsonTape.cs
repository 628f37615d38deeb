// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace PolicyLang.Runtime.Adapters.Json;

/// <summary>
/// One pass of System.Text.Json's reader over a JSON text that checks everything the document tree needs (valid JSON
/// without comments, nesting, scalar lengths, decodable strings, no duplicate keys) and records each token's place, so
/// that the tree can be built later, a map or list at a time, only where it is read (<see cref="JsonTapeChildren"/>).
/// A text it refuses is read as before (the YAML parser gives the message), so it changes no outcome.
/// </summary>
internal sealed class JsonTape
{
    // Above this many keys an object's duplicate check uses a set instead of comparing each key with the earlier ones.
    private const int KeyScanLimit = 32;

    private JsonTape(byte[] bytes, Row[] rows, bool numbersRoundTrip)
    {
        Bytes = bytes;
        Rows = rows;
        NumbersRoundTrip = numbersRoundTrip;
    }

    /// <summary>The UTF-8 text.</summary>
    public byte[] Bytes { get; }

    /// <summary>One row per key and value, in document order; a container's descendants follow it.</summary>
    public Row[] Rows { get; }

    /// <summary>
    /// True when every number is an integer written as <see cref="Utf8JsonWriter"/> writes a long: then any map or list of
    /// the text is, byte for byte in value, what <c>DocJson.ToUtf8</c> writes for its tree, and typed models can bind from it.
    /// </summary>
    public bool NumbersRoundTrip { get; }

    /// <summary>The tape of a text holding one JSON value, or null when the document tree must come from the general reader.</summary>
    public static JsonTape? TryRead(byte[] bytes, DocumentReaderOptions options)
    {
        try
        {
            return Read(bytes, options);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string the reader cannot decode (an escaped lone surrogate, "\ud800").
            return null;
        }
    }

    private static JsonTape? Read(byte[] bytes, DocumentReaderOptions options)
    {
        // Sized from the text (a token takes about 8 bytes of a manifest) and kept as it is: one allocation per document, most times.
        var rows = new Row[(bytes.Length / 7) + 16];
        return Read(bytes, options, ref rows);
    }

    private static JsonTape? Read(byte[] bytes, DocumentReaderOptions options, ref Row[] rows)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = Math.Max(options.MaxDepth + 1, 1) });
        var count = 0;
        var open = new OpenContainer[16];
        var depth = 0;
        var keys = new List<long>(); // per key: its row, and in the high half a hash of its bytes (0 for an escaped key)
        var roundTrip = true;
        while (reader.Read())
        {
            var start = (int)reader.TokenStartIndex;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (depth >= options.MaxDepth)
                    {
                        return null;
                    }

                    if (depth == open.Length)
                    {
                        Array.Resize(ref open, open.Length * 2);
                    }

                    open[depth++] = new OpenContainer(count, keys.Count);
                    Add(ref rows, ref count, new Row(start, 0, reader.TokenType, Escaped: false));
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var closed = open[--depth];
                    open[depth] = default;
                    rows[closed.Row] = rows[closed.Row] with { End = start + 1, Next = count };
                    keys.RemoveRange(closed.FirstKey, keys.Count - closed.FirstKey);
                    continue;
                case JsonTokenType.PropertyName:
                    var key = new Row(start, start + 1 + reader.ValueSpan.Length, JsonTokenType.PropertyName, reader.ValueIsEscaped);
                    if (key.Escaped)
                    {
                        _ = reader.GetString(); // throws for what cannot be decoded
                    }

                    if (!IsNewKey(bytes, rows, key, keys, ref open[depth - 1]))
                    {
                        return null; // a duplicate key: the YAML path reports it
                    }

                    keys.Add(((long)KeyHash(bytes, key) << 32) | (uint)count);
                    Add(ref rows, ref count, key);
                    continue;
                case JsonTokenType.String:
                    if (!FitsScalarLimit(ref reader, options.MaxScalarLength))
                    {
                        return null;
                    }

                    Add(ref rows, ref count, new Row(start, start + 1 + reader.ValueSpan.Length, JsonTokenType.String, reader.ValueIsEscaped));
                    continue;
                case JsonTokenType.Number:
                    roundTrip = roundTrip && WritesBackAsLong(reader.ValueSpan);
                    Add(ref rows, ref count, new Row(start, start + reader.ValueSpan.Length, JsonTokenType.Number, Escaped: false));
                    continue;
                default:
                    Add(ref rows, ref count, new Row(start, start + reader.ValueSpan.Length, reader.TokenType, Escaped: false));
                    continue;
            }
        }

        return count > 0 && depth == 0 ? new JsonTape(bytes, rows, roundTrip) : null;
    }

    private static void Add(ref Row[] rows, ref int count, Row row)
    {
        if (count == rows.Length)
        {
            Array.Resize(ref rows, rows.Length * 2);
        }

        rows[count++] = row;
    }

    private static bool FitsScalarLimit(ref Utf8JsonReader reader, int maxScalarLength)
    {
        if (reader.ValueIsEscaped)
        {
            return (reader.GetString()?.Length ?? 0) <= maxScalarLength; // throws for what cannot be decoded
        }

        // A character takes at least one byte: only a long value needs counting.
        return reader.ValueSpan.Length <= maxScalarLength || Encoding.UTF8.GetCharCount(reader.ValueSpan) <= maxScalarLength;
    }

    /// <summary>True for an integer that fits a long, written without sign on zero (what a writer gives for the long).</summary>
    private static bool WritesBackAsLong(ReadOnlySpan<byte> number) =>
        number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0
        && !number.SequenceEqual("-0"u8)
        && Utf8Parser.TryParse(number, out long _, out var consumed)
        && consumed == number.Length;

    /// <summary>False when the object being read already has this key (compared as decoded strings).</summary>
    private static bool IsNewKey(byte[] bytes, Row[] rows, Row key, List<long> keys, ref OpenContainer owner)
    {
        if (owner.Keys is null && keys.Count - owner.FirstKey >= KeyScanLimit)
        {
            var made = new HashSet<string>(StringComparer.Ordinal);
            for (var i = owner.FirstKey; i < keys.Count; i++)
            {
                made.Add(TextOf(bytes, rows[(int)keys[i]]));
            }

            owner = owner with { Keys = made };
        }

        if (owner.Keys is { } set)
        {
            return set.Add(TextOf(bytes, key));
        }

        var name = key.Value(bytes);
        var hash = KeyHash(bytes, key);
        string? text = null;
        for (var i = owner.FirstKey; i < keys.Count; i++)
        {
            var otherHash = (int)(keys[i] >> 32);
            if (hash != 0 && otherHash != 0)
            {
                // Unescaped UTF-8 is equal exactly when the strings are; unequal hashes cannot be equal bytes.
                if (hash == otherHash && name.SequenceEqual(rows[(int)keys[i]].Value(bytes)))
                {
                    return false;
                }

                continue;
            }

            text ??= TextOf(bytes, key);
            if (string.Equals(text, TextOf(bytes, rows[(int)keys[i]]), StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A cheap hash of an unescaped key's bytes (never 0), or 0 for an escaped key, which is compared decoded.</summary>
    private static int KeyHash(byte[] bytes, Row key)
    {
        if (key.Escaped)
        {
            return 0;
        }

        var name = key.Value(bytes);
        return name.Length == 0 ? 1 : ((name.Length * -1640531535) ^ name[0] ^ (name[^1] << 8) ^ (name[name.Length / 2] << 16)) | 1;
    }

    /// <summary>The decoded text of a key or string row.</summary>
    public static string TextOf(byte[] bytes, Row row)
    {
        if (!row.Escaped)
        {
            return Encoding.UTF8.GetString(row.Value(bytes));
        }

        // The quoted string alone is a JSON text: the reader unescapes it.
        var reader = new Utf8JsonReader(bytes.AsSpan(row.Start, row.End + 1 - row.Start));
        reader.Read();
        return reader.GetString() ?? string.Empty;
    }

    /// <summary>
    /// A token: its type and where it is. For a key or string, <see cref="End"/> is the closing quote; for a container, the
    /// offset after its closing bracket, and <see cref="Next"/> the row after its last descendant.
    /// </summary>
    internal readonly record struct Row(int Start, int End, JsonTokenType Type, bool Escaped)
    {
        public int Next { get; init; }

        /// <summary>The bytes of a scalar's value: a string's without its quotes.</summary>
        public ReadOnlySpan<byte> Value(byte[] bytes) =>
            Type is JsonTokenType.String or JsonTokenType.PropertyName ? bytes.AsSpan(Start + 1, End - Start - 1) : bytes.AsSpan(Start, End - Start);
    }

    /// <summary>A container being read: its row, where its keys start in the key list, and the decoded keys of a large object.</summary>
    private readonly record struct OpenContainer(int Row, int FirstKey, HashSet<string>? Keys = null);
}
