// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Runtime.Adapters.Json;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Hosts.Admission.Admission;

/// <summary>
/// Reads a JSON request body into documents with positions, directly with <see cref="Utf8JsonReader"/>. The API
/// server always sends JSON, and this is several times faster than the general YAML/JSON document reader, which
/// matters at webhook rates. Same nodes as the document reader makes: strings, integers, floats, booleans, nulls
/// with 1-based line and column (columns in bytes); duplicate keys are refused.
/// </summary>
public static class JsonBodyReader
{
    private const int MaxDepth = 256;

    /// <summary>
    /// Reads one JSON value. A valid body is checked in one pass and its tree built where it is read, typed models bound
    /// from its text (<see cref="JsonDocuments"/>: the same nodes and positions); any other body is read here, which
    /// says why it is refused.
    /// </summary>
    /// <exception cref="JsonException">The body is not one valid JSON value (the message says where and why).</exception>
    public static DocNode Read(ReadOnlySpan<byte> json) => JsonDocuments.TryRead(json, columnsInBytes: true) ?? ReadTree(json);

    /// <summary>Reads one JSON value into a whole tree at once.</summary>
    /// <exception cref="JsonException">The body is not one valid JSON value (the message says where and why).</exception>
    internal static DocNode ReadTree(ReadOnlySpan<byte> json)
    {
        var lines = new LineIndex(json);
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = MaxDepth, CommentHandling = JsonCommentHandling.Disallow });
        var stack = new Stack<Frame>();
        DocNode? root = null;
        string? key = null;
        (int Line, int Column) keyPosition = default;
        while (reader.Read())
        {
            var (line, column) = lines.Locate(reader.TokenStartIndex);
            DocNode? value = null;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    stack.Push(new Frame(line, column, key, keyPosition, isMap: true));
                    key = null;
                    continue;
                case JsonTokenType.StartArray:
                    stack.Push(new Frame(line, column, key, keyPosition, isMap: false));
                    key = null;
                    continue;
                case JsonTokenType.PropertyName:
                    key = reader.GetString() ?? string.Empty;
                    keyPosition = (line, column);
                    if (!stack.Peek().Keys.Add(key))
                    {
                        throw new JsonException($"the key '{key}' appears twice in one object (line {line}, column {column})");
                    }

                    continue;
                case JsonTokenType.EndObject:
                case JsonTokenType.EndArray:
                    var frame = stack.Pop();
                    value = frame.IsMap ? new DocMap(frame.Entries, frame.Line, frame.Column) : new DocList(frame.Items, frame.Line, frame.Column);
                    key = frame.Key;
                    keyPosition = frame.KeyPosition;
                    break;
                case JsonTokenType.String:
                    value = new DocScalar(DocNodeKind.String, reader.GetString() ?? string.Empty, line, column);
                    break;
                case JsonTokenType.Number:
                    var text = System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
                    value = new DocScalar(text.AsSpan().IndexOfAny('.', 'e', 'E') >= 0 ? DocNodeKind.Float : DocNodeKind.Integer, text, line, column);
                    break;
                case JsonTokenType.True:
                    value = new DocScalar(DocNodeKind.Boolean, "true", line, column);
                    break;
                case JsonTokenType.False:
                    value = new DocScalar(DocNodeKind.Boolean, "false", line, column);
                    break;
                case JsonTokenType.Null:
                    value = new DocScalar(DocNodeKind.Null, "null", line, column);
                    break;
                default:
                    continue;
            }

            if (stack.Count == 0)
            {
                root = value;
            }
            else if (stack.Peek() is { IsMap: true } map)
            {
                map.Entries.Add(new DocEntry(key ?? string.Empty, value, keyPosition.Line, keyPosition.Column));
                key = null;
            }
            else
            {
                stack.Peek().Items.Add(value);
            }
        }

        return root ?? throw new JsonException("the body holds no JSON value");
    }

    private sealed class Frame(int line, int column, string? key, (int Line, int Column) keyPosition, bool isMap)
    {
        private HashSet<string>? _keys;
        private List<DocEntry>? _entries;
        private List<DocNode>? _items;

        public int Line { get; } = line;

        public int Column { get; } = column;

        public string? Key { get; } = key;

        public (int Line, int Column) KeyPosition { get; } = keyPosition;

        public bool IsMap { get; } = isMap;

        public List<DocEntry> Entries => _entries ??= [];

        public List<DocNode> Items => _items ??= [];

        public HashSet<string> Keys => _keys ??= new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>Byte offsets of line starts, to turn a token's offset into a line and column.</summary>
    private readonly ref struct LineIndex
    {
        private readonly List<int>? _starts;

        public LineIndex(ReadOnlySpan<byte> json)
        {
            var at = json.IndexOf((byte)'\n');
            if (at < 0)
            {
                return;
            }

            _starts = [0];
            var offset = 0;
            while (at >= 0)
            {
                offset += at + 1;
                _starts.Add(offset);
                at = json[offset..].IndexOf((byte)'\n');
            }
        }

        public (int Line, int Column) Locate(long offset)
        {
            if (_starts is null)
            {
                return (1, (int)offset + 1);
            }

            var index = _starts.BinarySearch((int)offset);
            var line = index >= 0 ? index : ~index - 1;
            return (line + 1, (int)offset - _starts[line] + 1);
        }
    }
}
