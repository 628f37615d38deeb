// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text.Json.Nodes;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>
/// A strict RFC 6902 applier (add, replace, remove) for checking patches the way the API server applies them:
/// an operation whose parent is missing, a replace or remove of a missing member, fails the whole patch.
/// </summary>
internal static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray patch)
    {
        var result = document.DeepClone();
        foreach (var operation in patch)
        {
            var op = operation?["op"]?.GetValue<string>() ?? throw new InvalidOperationException("an operation without op");
            var path = operation["path"]?.GetValue<string>() ?? throw new InvalidOperationException("an operation without path");
            var tokens = JsonPointer.Split(path);
            if (tokens.Count == 0)
            {
                throw new InvalidOperationException($"{op} of the whole document");
            }

            var parent = Resolve(result, tokens.Take(tokens.Count - 1), path);
            var last = tokens[^1];
            var value = operation["value"]?.DeepClone();
            switch (op, parent)
            {
                case ("add", JsonObject obj):
                    obj[last] = value;
                    break;
                case ("add", JsonArray array):
                    if (last == "-")
                    {
                        array.Add(value);
                    }
                    else
                    {
                        array.Insert(Index(last, array.Count + 1, path), value);
                    }

                    break;
                case ("replace", JsonObject obj):
                    if (!obj.ContainsKey(last))
                    {
                        throw new InvalidOperationException($"replace of missing {path}");
                    }

                    obj[last] = value;
                    break;
                case ("replace", JsonArray array):
                    array[Index(last, array.Count, path)] = value;
                    break;
                case ("remove", JsonObject obj):
                    if (!obj.Remove(last))
                    {
                        throw new InvalidOperationException($"remove of missing {path}");
                    }

                    break;
                case ("remove", JsonArray array):
                    array.RemoveAt(Index(last, array.Count, path));
                    break;
                default:
                    throw new InvalidOperationException($"cannot {op} at {path}");
            }
        }

        return result;
    }

    private static JsonNode Resolve(JsonNode root, IEnumerable<string> tokens, string path)
    {
        var node = root;
        foreach (var token in tokens)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) && child is not null => child,
                JsonArray array => array[Index(token, array.Count, path)] ?? throw new InvalidOperationException($"null inside {path}"),
                _ => throw new InvalidOperationException($"the parent of {path} does not exist"),
            };
        }

        return node;
    }

    private static int Index(string token, int limit, string path) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < limit
            ? index
            : throw new InvalidOperationException($"bad array index in {path}");
}
