// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Runtime.Adapters.Text;
using PolicyLang.Runtime.Adapters.Yaml;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>
/// Reads one Falco alert (<c>json_output: true</c>) straight from a <see cref="Utf8JsonReader"/>: its <c>output_fields</c>
/// become a flat map of scalars (no positions, no tree of the whole alert), <c>time</c> and <c>hostname</c> are read as
/// <c>FieldReader</c> reads them, and <see cref="FalcoEventMapper"/> maps them as it maps a document's. Besides those,
/// the alert may hold only scalars and lists of scalars (<c>output</c>, <c>priority</c>, <c>rule</c>, <c>tags</c>, …);
/// anything else (a map elsewhere, a value in <c>output_fields</c> that is not a scalar, a repeated field, apiVersion
/// or kind, which could make it a manifest) declines, and the general path reads the line.
/// </summary>
internal sealed class FalcoAlertJsonReader : DirectJsonReader
{
    // output_fields, time and hostname are read; rule, priority and output make a document an alert; apiVersion and kind decline.
    private static readonly byte[][] RootFields = Names("hostname", "output", "output_fields", "priority", "rule", "source", "tags", "time", "apiVersion", "kind");

    private readonly HashSet<string> _fieldNames = new(StringComparer.Ordinal);
    private readonly HashSet<string> _otherNames = new(StringComparer.Ordinal);

    public FalcoAlertJsonReader(int maxScalarLength, Utf8StringCache strings)
        : base(maxScalarLength, strings)
    {
    }

    protected override EventDraft? ReadObject(ref Utf8JsonReader reader)
    {
        DocMap? fields = null;
        DateTimeOffset? time = null;
        string? hostname = null;
        var isAlert = false;
        var seen = 0;
        var next = 0;
        _otherNames.Clear();
        while (Property(ref reader, RootFields, ref seen, ref next, othersAllowed: true) is var field and >= 0)
        {
            switch (field)
            {
                case 0:
                    hostname = String(ref reader);
                    break;
                case 2:
                    fields = Fields(ref reader);
                    break;
                case 7:
                    time = Time(ref reader);
                    break;
                case 8 or 9:
                    Declined = true;
                    break;
                case var other when other == RootFields.Length:
                    // A field no reader reads: it must still not repeat.
                    Declined |= !_otherNames.Add(OtherName);

                    Unread(ref reader);
                    break;
                default:
                    isAlert |= field is 1 or 3 or 4;
                    Unread(ref reader);
                    break;
            }

            if (Declined)
            {
                return null;
            }
        }

        // FalcoEventMapper.Matches: output_fields is a map, and rule, priority or output is there.
        return fields is not null && isAlert ? FalcoEventMapper.Read(fields, time, hostname) : null;
    }

    /// <summary>output_fields as the flat map the document path builds (scalars resolved as a JSON reader resolves them).</summary>
    private DocMap? Fields(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            // Null or another value: not an alert, which the general path decides (and reads as another format).
            Declined = true;
            return null;
        }

        _fieldNames.Clear();
        var entries = new List<DocEntry>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = Key(ref reader);
            reader.Read();
            DocScalar value;
            switch (reader.TokenType)
            {
                case JsonTokenType.String:
                    value = new DocScalar(DocNodeKind.String, StringValue(ref reader), 0, 0);
                    break;
                case JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False or JsonTokenType.Null:
                    var text = Raw(ref reader);
                    value = new DocScalar(CoreSchema.ResolvePlain(text), text, 0, 0);
                    break;
                default:
                    Declined = true;
                    return null;
            }

            if (Declined || !_fieldNames.Add(name))
            {
                Declined = true;
                return null;
            }

            entries.Add(new DocEntry(name, value, 0, 0));
        }

        return new DocMap(entries, 0, 0);
    }
}
