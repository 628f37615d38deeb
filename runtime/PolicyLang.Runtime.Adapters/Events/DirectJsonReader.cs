// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json;
using PolicyLang.Runtime.Adapters.Binding;
using PolicyLang.Runtime.Adapters.Text;

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>
/// What the direct event readers (<see cref="EventJsonReader"/>, <see cref="FalcoAlertJsonReader"/>) share: reading one
/// JSON line with a <see cref="Utf8JsonReader"/>, and values read exactly as the general path reads them
/// (<c>JsonDocumentParser</c> then <c>FieldReader</c>) or, where they would not be, a decline. A declined line is read
/// by the general path, which gives its usual outcome; so a direct reader changes how fast a line is read, never what
/// it reads as. Invalid JSON, a string over the scalar limit anywhere in the line, and an escaped field name decline.
/// </summary>
internal abstract class DirectJsonReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 };

    private readonly int _maxScalarLength;
    private readonly Utf8StringCache _strings;

    /// <param name="maxScalarLength">The reader's limit on a scalar's length (<see cref="DocumentReaderOptions.MaxScalarLength"/>).</param>
    /// <param name="strings">The strings already read from the stream.</param>
    protected DirectJsonReader(int maxScalarLength, Utf8StringCache strings)
    {
        _maxScalarLength = maxScalarLength;
        _strings = strings;
    }

    /// <summary>Set when the line must go to the general path; reading stops.</summary>
    protected bool Declined { get; set; }

    /// <summary>The name of the field <see cref="Property"/> last found outside its names.</summary>
    protected string OtherName { get; private set; } = string.Empty;

    /// <summary>The event of one JSON line, or null when the general path must read it.</summary>
    public EventDraft? TryRead(ReadOnlySpan<byte> json)
    {
        Declined = false;
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var draft = ReadObject(ref reader);

            // Only whitespace may follow the object (the reader throws on anything else).
            return !Declined && draft is not null && !reader.Read() ? draft : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Invalid JSON, or a string the reader cannot decode: the general path reports it as it always has.
            return null;
        }
    }

    protected static byte[][] Names(params string[] names) => [.. names.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Reads the root object, the reader at its start; null (or <see cref="Declined"/>) to decline.</summary>
    protected abstract EventDraft? ReadObject(ref Utf8JsonReader reader);

    /// <summary>
    /// Moves to the next field of the object and onto its value; its index in <paramref name="names"/>, -1 at the end of
    /// the object, or -1 with <see cref="Declined"/> for a name not in <paramref name="names"/> (when
    /// <paramref name="othersAllowed"/> is false), a repeated or an escaped one. With <paramref name="othersAllowed"/>,
    /// another name gives <c>names.Length</c>.
    /// </summary>
    protected int Property(ref Utf8JsonReader reader, byte[][] names, ref int seen, ref int next, bool othersAllowed = false)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName)
        {
            return -1;
        }

        var field = reader.ValueIsEscaped ? -2 : IndexOf(reader.ValueSpan, names, next);
        if (field == -1 && othersAllowed)
        {
            OtherName = Key(ref reader);
            reader.Read();
            return names.Length;
        }

        if (field < 0 || (seen & (1 << field)) != 0)
        {
            Declined = true;
            return -1;
        }

        seen |= 1 << field;
        next = field + 1;
        reader.Read();
        return field;
    }

    /// <summary>A string field: a string, or a number or true/false as written (as a scalar reads), or null.</summary>
    protected string? String(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return StringValue(ref reader);
            case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False:
                return Raw(ref reader);
            case JsonTokenType.Null:
                return null;
            default:
                Declined = true;
                return null;
        }
    }

    /// <summary>The text of a string token, checked against the scalar limit.</summary>
    protected string StringValue(ref Utf8JsonReader reader)
    {
        // Unescaped, the value's bytes are its text (the line was checked to be UTF-8).
        var value = reader.ValueIsEscaped ? reader.GetString() ?? string.Empty : _strings.Get(reader.ValueSpan);
        Declined |= value.Length > _maxScalarLength;
        return value;
    }

    /// <summary>The name of a field (not counted against the scalar limit, as the general path does not count it).</summary>
    protected string Key(ref Utf8JsonReader reader) => reader.ValueIsEscaped ? reader.GetString() ?? string.Empty : _strings.Get(reader.ValueSpan);

    /// <summary>A number, true, false or null as written.</summary>
    protected string Raw(ref Utf8JsonReader reader) => _strings.Get(reader.ValueSpan);

    /// <summary>A time field as <c>FieldReader.Time</c> reads it: an RFC 3339 string, or null.</summary>
    protected DateTimeOffset? Time(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length <= _maxScalarLength && Rfc3339.TryParse(reader.ValueSpan, out var time))
        {
            return time;
        }

        if (reader.TokenType == JsonTokenType.String && Rfc3339.TryParse(StringValue(ref reader), out time))
        {
            return time;
        }

        Declined = true;
        return null;
    }

    /// <summary>
    /// A value nothing reads: a scalar, or a list of scalars (Falco's <c>tags</c>). Its strings still count against the
    /// scalar limit; a map, or a list holding lists or maps, declines (their keys would need checking for repeats).
    /// </summary>
    protected void Unread(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray && !Declined)
            {
                UnreadScalar(ref reader);
            }

            return;
        }

        UnreadScalar(ref reader);
    }

    private void UnreadScalar(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            Declined = true;
        }
        else if (reader.TokenType == JsonTokenType.String && (reader.ValueIsEscaped || reader.ValueSpan.Length > _maxScalarLength))
        {
            // Characters are at most bytes: only then can the string be over the limit.
            StringValue(ref reader);
        }
    }

    private static int IndexOf(ReadOnlySpan<byte> name, byte[][] names, int next)
    {
        if (next < names.Length && name.SequenceEqual(names[next]))
        {
            return next;
        }

        for (var i = 0; i < names.Length; i++)
        {
            if (name.SequenceEqual(names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
