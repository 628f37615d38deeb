// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Buffers;
using System.Text;
using System.Text.Json;
using PolicyLang.Runtime.Adapters.Text;
using PolicyLang.Runtime.Adapters.Yaml;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Json;

/// <summary>
/// Reads a chunk that is one JSON value (a JSON line, or a JSON file) with System.Text.Json's reader into the same
/// document tree, with the same positions and scalar types, as the YAML parser builds for it — several times faster,
/// since JSON is YAML's flow syntax without its generality. Anything it does not accept (invalid JSON, comments,
/// duplicate keys, limits exceeded) is left to the YAML parser, which reports it with its usual message, so the fast
/// path changes no outcome, only the speed.
/// </summary>
internal static class JsonDocumentParser
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 0 };

    /// <summary>The document of a chunk holding one JSON value, or false to read it as YAML.</summary>
    public static bool TryParse(DocumentChunk chunk, DocumentReaderOptions options, out DocNode? root)
    {
        root = null;
        var text = chunk.Text;
        var start = 0;
        while (start < text.Length && text[start] is ' ' or '\t' or '\r' or '\n')
        {
            start++;
        }

        if (start == text.Length || text[start] is not ('{' or '['))
        {
            return false;
        }

        var length = Encoding.UTF8.GetByteCount(text);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var bytes = buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer));
            var positions = new Positions(chunk.StartLine, bytes, isAscii: length == text.Length);
            return TryRead(bytes, positions, options, out root);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string the reader cannot decode (an escaped lone surrogate, "\ud800").
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryRead(ReadOnlySpan<byte> bytes, Positions positions, DocumentReaderOptions options, out DocNode? root)
    {
        root = null;
        var reader = new Utf8JsonReader(bytes, ReaderOptions with { MaxDepth = Math.Max(options.MaxDepth + 1, 1) });
        var stack = new Stack<BuildFrame>();
        while (reader.Read())
        {
            var (line, column) = positions.Of((int)reader.TokenStartIndex);
            DocNode node;
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (stack.Count >= options.MaxDepth)
                    {
                        return false;
                    }

                    stack.Push(new BuildFrame(reader.TokenType == JsonTokenType.StartObject, line, column, anchor: null));
                    continue;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    node = stack.Pop().Complete();
                    break;
                case JsonTokenType.PropertyName:
                    var frame = stack.Peek();
                    frame.PendingKey = reader.GetString();
                    frame.PendingKeyLine = line;
                    frame.PendingKeyColumn = column;
                    continue;
                case JsonTokenType.String:
                    var value = reader.GetString() ?? string.Empty;
                    if (value.Length > options.MaxScalarLength)
                    {
                        return false;
                    }

                    node = new DocScalar(DocNodeKind.String, value, line, column);
                    break;
                default:
                    // Numbers, true, false and null are plain scalars in YAML: resolve them as the YAML path does.
                    var plain = Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                    node = new DocScalar(CoreSchema.ResolvePlain(plain), plain, line, column);
                    break;
            }

            if (stack.Count == 0)
            {
                root = node;
                continue;
            }

            var parent = stack.Peek();
            if (!parent.IsMap)
            {
                parent.Items.Add(node);
                continue;
            }

            var key = parent.PendingKey ?? string.Empty;
            parent.PendingKey = null;
            if (!parent.KeyLines.TryAdd(key, parent.PendingKeyLine))
            {
                return false; // a duplicate key: the YAML path reports it
            }

            parent.Entries.Add(new DocEntry(key, node, parent.PendingKeyLine, parent.PendingKeyColumn));
        }

        return root is not null && stack.Count == 0;
    }

    /// <summary>Turns byte offsets into 1-based lines (from the chunk's first line) and columns (in characters).</summary>
    private readonly ref struct Positions
    {
        private readonly int _firstLine;
        private readonly ReadOnlySpan<byte> _bytes;
        private readonly bool _isAscii;
        private readonly int[]? _lineStarts;

        public Positions(int firstLine, ReadOnlySpan<byte> bytes, bool isAscii)
        {
            _firstLine = firstLine;
            _bytes = bytes;
            _isAscii = isAscii;
            var breaks = bytes.Count((byte)'\n');
            if (breaks > 0)
            {
                _lineStarts = new int[breaks + 1];
                var line = 1;
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (bytes[i] == '\n' && line < _lineStarts.Length)
                    {
                        _lineStarts[line++] = i + 1;
                    }
                }
            }
        }

        public (int Line, int Column) Of(int offset)
        {
            var index = 0;
            if (_lineStarts is not null)
            {
                index = Array.BinarySearch(_lineStarts, offset);
                index = index >= 0 ? index : ~index - 1;
            }

            var lineStart = _lineStarts?[index] ?? 0;
            var column = _isAscii ? offset - lineStart : Encoding.UTF8.GetCharCount(_bytes[lineStart..offset]);
            return (_firstLine + index, column + 1);
        }
    }
}
