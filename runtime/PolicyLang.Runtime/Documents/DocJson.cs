// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
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
