// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Runtime.CompilerServices;
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

    // Typed parts are bound in the pass only when the nesting limit leaves room for any model's depth below them.
    private const int MinDepthForParts = 128;

    private readonly DocumentReaderOptions _options;
    private readonly Part[] _parts;

    private JsonTape(byte[] bytes, Row[] rows, bool numbersRoundTrip, DocumentReaderOptions options, Part[] parts)
    {
        Bytes = bytes;
        Rows = rows;
        NumbersRoundTrip = numbersRoundTrip;
        _options = options;
        _parts = parts;
    }

    /// <summary>The UTF-8 text.</summary>
    public byte[] Bytes { get; }

    /// <summary>
    /// One row per key and value, in document order; a container's descendants follow it, except in a typed part bound in the
    /// pass (<see cref="Row.Unread"/>), whose rows are read when first asked for (<see cref="ReadPart"/>).
    /// </summary>
    public Row[] Rows { get; }

    /// <summary>
    /// True when every number is an integer written as <see cref="Utf8JsonWriter"/> writes a long: then any map or list of
    /// the text is, byte for byte in value, what <c>DocJson.ToUtf8</c> writes for its tree, and typed models can bind from it.
    /// </summary>
    public bool NumbersRoundTrip { get; }

    /// <summary>
    /// The tape of a text holding one JSON value, or null when the document tree must come from the general reader. With
    /// <paramref name="bindParts"/>, the typed parts of a manifest (<see cref="TypedPartPlan"/>) are bound to their models in
    /// the same pass, by strict settings that refuse whatever the check would refuse or bind differently
    /// (<see cref="StrictModelOptions"/>); when they refuse, the text is read again without binding, so the outcome is the same.
    /// </summary>
    public static JsonTape? TryRead(byte[] bytes, DocumentReaderOptions options, bool bindParts = false)
    {
        try
        {
            if (bindParts && options.MaxDepth >= MinDepthForParts)
            {
                var bound = Read(bytes, 0, bytes.Length, options, bindParts: true, out var declined);
                if (!declined)
                {
                    return bound;
                }
            }

            return Read(bytes, 0, bytes.Length, options, bindParts: false, out _);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string the reader cannot decode (an escaped lone surrogate, "\ud800").
            return null;
        }
    }

    /// <summary>The model bound in the pass for the part at a row, handed out once; null when there is none or it was taken.</summary>
    public T? TakeModel<T>(int row)
        where T : class
    {
        foreach (var part in _parts)
        {
            if (part.Row == row && Volatile.Read(ref part.Model.Value) is T)
            {
                return Interlocked.Exchange(ref part.Model.Value, null) as T;
            }
        }

        return null;
    }

    /// <summary>The model bound in the pass for the part at a row, left in place.</summary>
    public T? PeekModel<T>(int row)
        where T : class
    {
        foreach (var part in _parts)
        {
            if (part.Row == row)
            {
                return Volatile.Read(ref part.Model.Value) as T;
            }
        }

        return null;
    }

    /// <summary>The tape of a typed part's own text (its rows in the same offsets), for the tree below it.</summary>
    public JsonTape ReadPart(int row)
    {
        var part = Rows[row];
        var tape = Read(Bytes, part.Start, part.End - part.Start, _options, bindParts: false, out _);

        // The strict binding refused everything this pass refuses: the part's text reads as it did within the whole.
        return tape is null ? throw new InvalidOperationException("a typed part bound from the text did not read as a JSON object") : tape;
    }

    private static JsonTape? Read(byte[] bytes, int offset, int length, DocumentReaderOptions options, bool bindParts, out bool declined)
    {
        declined = false;

        // Sized from the text (a token takes about 8 bytes of a manifest) and kept as it is: one allocation per document, most times.
        // (With typed parts bound, fewer rows are used; a smaller first guess cost more in growing it for the other texts.)
        var rows = new Row[(length / 7) + 16];
        var reader = new Utf8JsonReader(bytes.AsSpan(offset, length), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = Math.Max(options.MaxDepth + 1, 1) });
        var count = 0;
        var open = new OpenContainer[16];
        var depth = 0;
        var keys = new List<long>(); // per key: its row, and in the high half a hash of its bytes (0 for an escaped key)
        var roundTrip = true;
        var manifest = new ManifestHead();
        List<Part>? parts = null;
        var pendingStep = TypedPartPlan.None; // the plan's step for the container the next value opens
        while (reader.Read())
        {
            var start = offset + (int)reader.TokenStartIndex;
            var step = pendingStep;
            pendingStep = TypedPartPlan.None;
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

                    // The root object is the plan's root; a container opened by a key of the plan is the key's step.
                    var isRoot = depth == 0 && reader.TokenType == JsonTokenType.StartObject;
                    open[depth++] = new OpenContainer(count, keys.Count) { Step = isRoot ? TypedPartPlan.Root : step };
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
                    if (depth == 1 && bindParts && !key.Escaped)
                    {
                        manifest.AtKey(key.Value(bytes));
                    }

                    if (manifest.Plan is { } plan && open[depth - 1].Step != TypedPartPlan.None && !key.Escaped)
                    {
                        var next = plan.Next(open[depth - 1].Step, key.Value(bytes));
                        if (next != TypedPartPlan.None && plan.BinderAt(next) is { } binder)
                        {
                            if (!TryBindPart(ref reader, binder, offset, options, ref rows, ref count, ref parts, out declined))
                            {
                                return null;
                            }
                        }
                        else
                        {
                            pendingStep = next;
                        }
                    }

                    continue;
                case JsonTokenType.String:
                    if (!FitsScalarLimit(ref reader, options.MaxScalarLength))
                    {
                        return null;
                    }

                    var value = new Row(start, start + 1 + reader.ValueSpan.Length, JsonTokenType.String, reader.ValueIsEscaped);
                    if (depth == 1 && bindParts && !value.Escaped)
                    {
                        manifest.AtString(value.Value(bytes));
                    }

                    Add(ref rows, ref count, value);
                    continue;
                case JsonTokenType.Number:
                    roundTrip = roundTrip && JsonNumbers.WritesBackAsLong(reader.ValueSpan);
                    Add(ref rows, ref count, new Row(start, start + reader.ValueSpan.Length, JsonTokenType.Number, Escaped: false));
                    continue;
                default:
                    Add(ref rows, ref count, new Row(start, start + reader.ValueSpan.Length, reader.TokenType, Escaped: false));
                    continue;
            }
        }

        return count > 0 && depth == 0 ? new JsonTape(bytes, rows, roundTrip, options, parts is null ? [] : [.. parts]) : null;
    }

    /// <summary>
    /// Binds the value after a part's key when it is an object, leaving the reader at its last token and one row for it; true
    /// also when the value is not an object (it is read as usual). False, with <paramref name="declined"/>, when the strict
    /// binding refuses the part.
    /// </summary>
    private static bool TryBindPart(
        ref Utf8JsonReader reader, TypedPartPlan.PartBinder binder, int offset, DocumentReaderOptions options, ref Row[] rows, ref int count, ref List<Part>? parts, out bool declined)
    {
        declined = false;
        var probe = reader;
        if (!probe.Read() || probe.TokenType != JsonTokenType.StartObject)
        {
            return true;
        }

        var start = offset + (int)probe.TokenStartIndex;
        object? model;
        try
        {
            model = binder(ref probe);
        }
#pragma warning disable CA1031 // Any failure of the strict binding (a converter's own exception included) means: read the text the plain way, which reproduces it.
        catch (Exception)
#pragma warning restore CA1031
        {
            declined = true;
            return false;
        }

        var end = offset + (int)probe.TokenStartIndex + 1;

        // A scalar of the part is no longer than the part: within the limit when the part is.
        if (model is null || end - start > options.MaxScalarLength)
        {
            declined = true;
            return false;
        }

        reader = probe;
        (parts ??= []).Add(new Part(count, new StrongBox<object?>(model)));
        Add(ref rows, ref count, new Row(start, end, JsonTokenType.StartObject, Escaped: false, Unread: true) { Next = count + 1 });
        return true;
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
    /// <param name="Start">The offset of the token's first byte.</param>
    /// <param name="End">The offset after a scalar, of a string's closing quote, or after a container's closing bracket.</param>
    /// <param name="Type">The token's type.</param>
    /// <param name="Escaped">A key or string with escapes (compared and read decoded).</param>
    /// <param name="Unread">An object bound to its model in the pass, whose own rows are not on this tape (<see cref="ReadPart"/>).</param>
    internal readonly record struct Row(int Start, int End, JsonTokenType Type, bool Escaped, bool Unread = false)
    {
        public int Next { get; init; }

        /// <summary>The bytes of a scalar's value: a string's without its quotes.</summary>
        public ReadOnlySpan<byte> Value(byte[] bytes) =>
            Type is JsonTokenType.String or JsonTokenType.PropertyName ? bytes.AsSpan(Start + 1, End - Start - 1) : bytes.AsSpan(Start, End - Start);
    }

    /// <summary>A container being read: its row, where its keys start in the key list, and the decoded keys of a large object.</summary>
    private readonly record struct OpenContainer(int Row, int FirstKey, HashSet<string>? Keys = null)
    {
        /// <summary>Where the container is in the typed-part plan (<see cref="TypedPartPlan.None"/> off it).</summary>
        public int Step { get; init; } = TypedPartPlan.None;
    }

    /// <summary>A typed part bound in the pass: its row and its model, until taken.</summary>
    private readonly record struct Part(int Row, StrongBox<object?> Model);

    /// <summary>
    /// The root object's <c>apiVersion</c> and <c>kind</c> as they are read: once both are there (before the parts), the
    /// plan of the kind's typed parts.
    /// </summary>
    private struct ManifestHead
    {
        private int _atKey; // 1 after the key "kind", 2 after "apiVersion"
        private bool _hasApiVersion;
        private byte[]? _kind;

        public TypedPartPlan? Plan { get; private set; }

        public void AtKey(ReadOnlySpan<byte> key) =>
            _atKey = key.SequenceEqual("kind"u8) ? 1 : key.SequenceEqual("apiVersion"u8) ? 2 : 0;

        public void AtString(ReadOnlySpan<byte> value)
        {
            if (_atKey == 1)
            {
                _kind = value.ToArray();
            }

            _hasApiVersion |= _atKey == 2;
            _atKey = 0;
            if (Plan is null && _hasApiVersion && _kind is not null)
            {
                Plan = TypedPartPlan.ForKind(_kind);
            }
        }
    }
}
