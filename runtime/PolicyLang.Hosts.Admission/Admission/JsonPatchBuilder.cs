// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Hosts.Admission.Admission;

/// <summary>
/// Combines the mutate findings of one review into one JSON patch for the request's object. Mutations of admission
/// rules point into the AdmissionReview (<c>/request/object/...</c>) and those of manifest and workload rules into the
/// object; both become object paths. Each mutation is planned against the object as the mutations before it left it,
/// so the patch always applies: missing parents are added once, existing values replaced, absent fields not removed.
/// </summary>
public static class JsonPatchBuilder
{
    private const string ObjectPrefix = "/request/object";

    /// <summary>Builds the patch; null when nothing changes. <paramref name="subjectOf"/> gives the subject of a rule id.</summary>
    /// <param name="findings">The mutate findings, in evaluation order.</param>
    /// <param name="target">The request's object.</param>
    /// <param name="subjectOf">The subject kind of a rule, by id.</param>
    /// <param name="ignored">Receives mutations that cannot apply to the object (e.g. of other parts of the review).</param>
    public static byte[]? Build(IEnumerable<Finding> findings, DocMap target, Func<string, SubjectKind?> subjectOf, List<string> ignored)
    {
        var working = DocJson.ToJsonNode(target) ?? new JsonObject();
        var operations = new List<(string Op, string Path, JsonNode? Value)>();
        foreach (var finding in findings)
        {
            if (finding.Patch is not { Count: > 0 } patch)
            {
                continue;
            }

            // The statement's own operation is last; parents before it are re-planned here against the combined result.
            var intent = patch[^1];
            var path = intent.Path;
            if (subjectOf(finding.Id) == SubjectKind.Admission)
            {
                if (path != ObjectPrefix && !path.StartsWith(ObjectPrefix + "/", StringComparison.Ordinal))
                {
                    ignored.Add($"[{finding.Id}] {path}: only the request's object can be mutated");
                    continue;
                }

                path = path[ObjectPrefix.Length..];
            }

            if (path.Length == 0)
            {
                ignored.Add($"[{finding.Id}] the whole object cannot be replaced");
                continue;
            }

            var tokens = JsonPointer.Split(path);
            if (intent.Op == "remove")
            {
                if (Remove(working, tokens))
                {
                    operations.Add(("remove", path, null));
                }

                continue;
            }

            var value = PatchValues.ToJson(intent.Value);
            var (parent, prefix) = (working, string.Empty);
            var failed = false;
            for (var i = 0; i < tokens.Count - 1 && !failed; i++)
            {
                prefix = JsonPointer.Append(prefix, tokens[i]);
                var child = Child(parent, tokens[i]);
                if (child is null)
                {
                    child = tokens[i + 1] is "0" or "-" ? new JsonArray() : new JsonObject();
                    if (!Set(parent, tokens[i], child, out _))
                    {
                        failed = true;
                        break;
                    }

                    operations.Add(("add", prefix, child.DeepClone()));
                }

                if (child is not (JsonObject or JsonArray))
                {
                    failed = true;
                    break;
                }

                parent = child;
            }

            if (failed || !Set(parent, tokens[^1], value?.DeepClone(), out var replaced))
            {
                ignored.Add($"[{finding.Id}] {path}: the object has no place for this value");
                continue;
            }

            operations.Add((replaced ? "replace" : "add", path, value));
        }

        return operations.Count == 0 ? null : Serialize(operations);
    }

    private static byte[] Serialize(List<(string Op, string Path, JsonNode? Value)> operations)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var (op, path, value) in operations)
            {
                json.WriteStartObject();
                json.WriteString("op", op);
                json.WriteString("path", path);
                if (op != "remove")
                {
                    json.WritePropertyName("value");
                    if (value is null)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        value.WriteTo(json);
                    }
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return buffer.ToArray();
    }

    private static JsonNode? Child(JsonNode node, string token) => node switch
    {
        JsonObject obj => obj.TryGetPropertyValue(token, out var value) ? value : null,
        JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
        _ => null,
    };

    private static bool Set(JsonNode parent, string token, JsonNode? value, out bool replaced)
    {
        replaced = false;
        switch (parent)
        {
            case JsonObject obj:
                replaced = obj.ContainsKey(token);
                obj[token] = value;
                return true;
            case JsonArray array when token == "-":
                array.Add(value);
                return true;
            case JsonArray array when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index <= array.Count:
                if (index < array.Count)
                {
                    replaced = true;
                    array[index] = value;
                }
                else
                {
                    array.Add(value);
                }

                return true;
            default:
                return false;
        }
    }

    private static bool Remove(JsonNode root, IReadOnlyList<string> tokens)
    {
        var node = root;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            if (Child(node, tokens[i]) is not { } child)
            {
                return false;
            }

            node = child;
        }

        switch (node)
        {
            case JsonObject obj:
                return obj.Remove(tokens[^1]);
            case JsonArray array when int.TryParse(tokens[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < array.Count:
                array.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }
}
