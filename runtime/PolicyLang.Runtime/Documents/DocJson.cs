// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyLang.Runtime.Documents;

/// <summary>Converts documents to System.Text.Json nodes (to bind typed models) without recursion.</summary>
public static class DocJson
{
    public static JsonNode? ToJsonNode(DocNode node)
    {
        var root = Convert(node);
        var stack = new Stack<(DocNode Source, JsonNode Target)>();
        if (root is not null && node.Kind is DocNodeKind.Map or DocNodeKind.List)
        {
            stack.Push((node, root));
        }

        while (stack.Count > 0)
        {
            var (source, target) = stack.Pop();
            if (source is DocMap map && target is JsonObject obj)
            {
                foreach (var entry in map.Entries)
                {
                    var child = Convert(entry.Value);
                    obj[entry.Key] = child;
                    if (child is JsonObject or JsonArray)
                    {
                        stack.Push((entry.Value, child));
                    }
                }
            }
            else if (source is DocList list && target is JsonArray array)
            {
                foreach (var item in list.Items)
                {
                    var child = Convert(item);
                    array.Add(child);
                    if (child is JsonObject or JsonArray)
                    {
                        stack.Push((item, child));
                    }
                }
            }
        }

        return root;
    }

    /// <summary>
    /// Writes a document as UTF-8 JSON without recursion: the cheap way to bind typed models (no JSON node tree is
    /// built). Scalars are written as <see cref="ToJsonNode"/> converts them.
    /// </summary>
    public static byte[] ToUtf8(DocNode node)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true, MaxDepth = int.MaxValue }))
        {
            // Each frame is a container being written and the index of its next child.
            var stack = new Stack<(DocNode Container, int Next)>();
            WriteValue(json, node, stack);
            while (stack.Count > 0)
            {
                var (container, next) = stack.Pop();
                if (container is DocMap map)
                {
                    if (next < map.Entries.Count)
                    {
                        stack.Push((container, next + 1));
                        json.WritePropertyName(map.Entries[next].Key);
                        WriteValue(json, map.Entries[next].Value, stack);
                    }
                    else
                    {
                        json.WriteEndObject();
                    }
                }
                else if (container is DocList list)
                {
                    if (next < list.Count)
                    {
                        stack.Push((container, next + 1));
                        WriteValue(json, list[next], stack);
                    }
                    else
                    {
                        json.WriteEndArray();
                    }
                }
            }
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteValue(Utf8JsonWriter json, DocNode node, Stack<(DocNode Container, int Next)> stack)
    {
        switch (node)
        {
            case DocMap:
                json.WriteStartObject();
                stack.Push((node, 0));
                break;
            case DocList:
                json.WriteStartArray();
                stack.Push((node, 0));
                break;
            case DocScalar { Kind: DocNodeKind.Null }:
                json.WriteNullValue();
                break;
            case DocScalar { Kind: DocNodeKind.Boolean } s:
                json.WriteBooleanValue(s.AsBoolean() ?? false);
                break;
            case DocScalar { Kind: DocNodeKind.Integer } s when s.AsInteger() is { } i:
                json.WriteNumberValue(i);
                break;
            case DocScalar { Kind: DocNodeKind.Float } s when s.AsFloat() is { } d && double.IsFinite(d):
                json.WriteNumberValue(d);
                break;
            case DocScalar s:
                json.WriteStringValue(s.Text);
                break;
            default:
                throw new InvalidOperationException("Unknown document node " + node.GetType().Name + " at line " + node.Line.ToString(CultureInfo.InvariantCulture));
        }
    }

    private static JsonNode? Convert(DocNode node) => node switch
    {
        DocMap => new JsonObject(),
        DocList => new JsonArray(),
        DocScalar { Kind: DocNodeKind.Null } => null,
        DocScalar { Kind: DocNodeKind.Boolean } s => JsonValue.Create(s.AsBoolean() ?? false),
        DocScalar { Kind: DocNodeKind.Integer } s when s.AsInteger() is { } i => JsonValue.Create(i),
        DocScalar { Kind: DocNodeKind.Float } s when s.AsFloat() is { } d && double.IsFinite(d) => JsonValue.Create(d),
        DocScalar s => JsonValue.Create(s.Text),
        _ => throw new InvalidOperationException("Unknown document node " + node.GetType().Name + " at line " + node.Line.ToString(CultureInfo.InvariantCulture)),
    };
}
