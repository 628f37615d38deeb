// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Hosts.Admission.Admission;

/// <summary>Converts the values of mutate statements (PolicyLang values as CLR objects) to JSON.</summary>
public static class PatchValues
{
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        DocNode doc => DocJson.ToJsonNode(doc),
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        long number => JsonValue.Create(number),
        int number => JsonValue.Create(number),
        double number when double.IsFinite(number) => JsonValue.Create(number),
        double number => JsonValue.Create(number.ToString(CultureInfo.InvariantCulture)),
        ResourceQuantity quantity => JsonValue.Create(quantity.ToString()),
        TimeSpan duration => JsonValue.Create(Duration(duration)),
        DateTimeOffset time => JsonValue.Create(time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
        IDictionary map => Map(map),
        IEnumerable items => List(items),
        _ when value.GetType().Namespace == "k8s.Models" => JsonNode.Parse(KubernetesJson.Serialize(value)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };

    private static JsonObject Map(IDictionary map)
    {
        var result = new JsonObject();
        foreach (DictionaryEntry entry in map)
        {
            result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture) ?? string.Empty] = ToJson(entry.Value);
        }

        return result;
    }

    private static JsonArray List(IEnumerable items)
    {
        var result = new JsonArray();
        foreach (var item in items)
        {
            result.Add(ToJson(item));
        }

        return result;
    }

    private static string Duration(TimeSpan duration) =>
        duration.TotalSeconds == Math.Floor(duration.TotalSeconds)
            ? ((long)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
            : ((long)duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";
}
