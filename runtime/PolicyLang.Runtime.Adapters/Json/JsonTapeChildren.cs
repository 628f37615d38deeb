// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json;
using PolicyLang.Runtime.Adapters.Text;
using PolicyLang.Runtime.Adapters.Yaml;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Json;

/// <summary>
/// The children of one map or list of a <see cref="JsonTape"/>, made when first read: the same nodes, scalar types and
/// positions the eager JSON reader made, their own maps and lists again deferred.
/// </summary>
internal sealed class JsonTapeChildren : DeferredChildren
{
    // Keys repeat within and across documents (a schema's names): one string each per thread, from a bounded table, instead
    // of one per entry. Values are decoded each time: they vary (names, uids, images), and a table that keeps replacing them
    // holds each one past a collection, which cost AdmissionReviews more in promotions and gen-1 pauses than it saved.
    [ThreadStatic]
    private static Utf8StringCache? t_strings;

    private readonly JsonTape _tape;
    private readonly JsonPositions _positions;
    private readonly int _row;

    // The children of a typed part bound in the tape's pass, from the part's own tape: read when first asked for.
    private JsonTapeChildren? _part;

    private JsonTapeChildren(JsonTape tape, JsonPositions positions, int row)
    {
        _tape = tape;
        _positions = positions;
        _row = row;
    }

    public override ReadOnlyMemory<byte> Utf8Json
    {
        get
        {
            var row = _tape.Rows[_row];
            return _tape.NumbersRoundTrip ? _tape.Bytes.AsMemory(row.Start, row.End - row.Start) : default;
        }
    }

    /// <summary>The node of the tape's root value.</summary>
    public static DocNode Root(JsonTape tape, JsonPositions positions) => Node(tape, positions, 0);

    public override T? TakeModel<T>()
        where T : class => _tape.TakeModel<T>(_row);

    public override T? PeekModel<T>()
        where T : class => _tape.PeekModel<T>(_row);

    public override IReadOnlyList<DocEntry> ReadEntries()
    {
        if (_tape.Rows[_row].Unread)
        {
            return PartChildren().ReadEntries();
        }

        var rows = _tape.Rows;
        var end = rows[_row].Next;
        var count = 0;
        for (var i = _row + 1; i < end; i = After(rows, i + 1))
        {
            count++;
        }

        var entries = new DocEntry[count];
        var n = 0;
        for (var i = _row + 1; i < end; i = After(rows, i + 1))
        {
            var (line, column) = _positions.Of(rows[i].Start);
            entries[n++] = new DocEntry(Text(_tape, rows[i]), Node(_tape, _positions, i + 1), line, column);
        }

        return entries;
    }

    public override IReadOnlyList<DocNode> ReadItems()
    {
        var rows = _tape.Rows;
        var end = rows[_row].Next;
        var count = 0;
        for (var i = _row + 1; i < end; i = After(rows, i))
        {
            count++;
        }

        var items = new DocNode[count];
        var n = 0;
        for (var i = _row + 1; i < end; i = After(rows, i))
        {
            items[n++] = Node(_tape, _positions, i);
        }

        return items;
    }

    private JsonTapeChildren PartChildren()
    {
        // Racing threads may each read the part; each gives equal entries.
        return Volatile.Read(ref _part) ?? (_part = new JsonTapeChildren(_tape.ReadPart(_row), _positions, 0));
    }

    private static Utf8StringCache Strings => t_strings ??= new Utf8StringCache();

    /// <summary>The decoded text of a key or string row.</summary>
    private static string Text(JsonTape tape, JsonTape.Row row) =>
        row.Escaped ? JsonTape.TextOf(tape.Bytes, row) : Strings.Get(row.Value(tape.Bytes));

    /// <summary>The decoded text of a string value (not from the table: see <see cref="t_strings"/>).</summary>
    private static string ValueText(JsonTape tape, JsonTape.Row row) =>
        row.Escaped ? JsonTape.TextOf(tape.Bytes, row) : Encoding.UTF8.GetString(row.Value(tape.Bytes));

    /// <summary>The row after a value and its descendants.</summary>
    private static int After(JsonTape.Row[] rows, int value) =>
        rows[value].Type is JsonTokenType.StartObject or JsonTokenType.StartArray ? rows[value].Next : value + 1;

    private static DocNode Node(JsonTape tape, JsonPositions positions, int index)
    {
        var row = tape.Rows[index];
        var (line, column) = positions.Of(row.Start);
        switch (row.Type)
        {
            case JsonTokenType.StartObject:
                return new DocMap(new JsonTapeChildren(tape, positions, index), line, column);
            case JsonTokenType.StartArray:
                return new DocList(new JsonTapeChildren(tape, positions, index), line, column);
            case JsonTokenType.String:
                return new DocScalar(DocNodeKind.String, ValueText(tape, row), line, column);
            default:
                // Numbers, true, false and null are plain scalars in YAML: resolve them as the YAML path does.
                var plain = Encoding.UTF8.GetString(row.Value(tape.Bytes));
                return new DocScalar(CoreSchema.ResolvePlain(plain), plain, line, column);
        }
    }
}
