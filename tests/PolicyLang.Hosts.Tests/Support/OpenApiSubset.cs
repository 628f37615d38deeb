// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>
/// Checks a document against the part of OpenAPI v3 that CRD structural schemas use here: type, properties (no
/// unknown fields, as the API server prunes and strict validation refuses them), items, enum, required,
/// additionalProperties; objects with neither properties nor additionalProperties are open.
/// </summary>
internal static class OpenApiSubset
{
    public static void Validate(JsonNode? node, JsonObject schema, string path, List<string> problems)
    {
        var type = schema["type"]?.GetValue<string>();
        if (schema["enum"]?.AsArray() is { } allowed && node is JsonValue value && !allowed.Any(a => JsonNode.DeepEquals(a, value)))
        {
            problems.Add($"{path}: '{value}' is not one of {string.Join(", ", allowed.Select(a => a?.ToString()))}");
        }

        switch (type)
        {
            case "object" when node is JsonObject obj:
                // Open objects: preserved unknown fields, or metadata (which the API server checks itself).
                if (schema["properties"] is null && schema["additionalProperties"] is null)
                {
                    return;
                }

                foreach (var required in schema["required"]?.AsArray().Select(r => r?.GetValue<string>() ?? string.Empty) ?? [])
                {
                    if (!obj.ContainsKey(required))
                    {
                        problems.Add($"{path}: '{required}' is required");
                    }
                }

                var properties = schema["properties"]?.AsObject();
                var additional = schema["additionalProperties"]?.AsObject();
                foreach (var (key, child) in obj)
                {
                    if (properties?[key]?.AsObject() is { } property)
                    {
                        Validate(child, property, $"{path}/{key}", problems);
                    }
                    else if (additional is not null)
                    {
                        Validate(child, additional, $"{path}/{key}", problems);
                    }
                    else
                    {
                        problems.Add($"{path}/{key}: not in the schema");
                    }
                }

                break;
            case "array" when node is JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Validate(array[i], schema["items"]?.AsObject() ?? [], $"{path}/{i}", problems);
                }

                break;
            case "string" when node is JsonValue v && v.GetValueKind() == JsonValueKind.String:
            case "integer" when node is JsonValue i && i.GetValueKind() == JsonValueKind.Number && i.ToJsonString().All(c => char.IsAsciiDigit(c) || c == '-'):
            case "boolean" when node is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False:
            case null:
                break;
            default:
                problems.Add($"{path}: expected {type}, got {node?.GetValueKind().ToString() ?? "null"}");
                break;
        }
    }
}
