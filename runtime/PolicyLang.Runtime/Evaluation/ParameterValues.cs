// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text.Json;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// Values for policy parameters, already converted to the CLR types generated code uses
/// (<c>string</c>, <c>long?</c>, <c>double?</c>, <c>bool?</c>, <c>IList&lt;T&gt;</c>, <c>ISet&lt;T&gt;</c>, <c>IDictionary&lt;string,T&gt;</c>).
/// A value is found by <c>policy.name</c> first, then by <c>name</c> alone.
/// </summary>
public sealed class ParameterValues
{
    public static readonly ParameterValues None = new(new Dictionary<string, object?>(StringComparer.Ordinal));

    private readonly IReadOnlyDictionary<string, object?> _values;

    public ParameterValues(IReadOnlyDictionary<string, object?> values)
    {
        _values = values;
    }

    public IEnumerable<string> Keys => _values.Keys;

    /// <summary>Looks up a parameter for generated code: true and the value when one was set.</summary>
    public bool TryGet<T>(string policy, string name, out T? value)
    {
        if (_values.TryGetValue(policy + "." + name, out var raw) || _values.TryGetValue(name, out raw))
        {
            if (raw is T typed)
            {
                value = typed;
                return true;
            }

            if (raw is null)
            {
                value = default;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// Converts command-line or bindings text to the value of a parameter of the given PolicyLang type.
    /// Lists accept JSON (<c>["a","b"]</c>) or comma-separated text; maps accept JSON or <c>k=v,k2=v2</c>.
    /// </summary>
    /// <exception cref="FormatException">The text is not a value of that type; the message says why.</exception>
    public static object? Convert(string type, string text)
    {
        type = type.Replace(" ", string.Empty, StringComparison.Ordinal);
        var trimmed = text.Trim();
        if (type.StartsWith("list<", StringComparison.Ordinal) || type.StartsWith("set<", StringComparison.Ordinal))
        {
            var element = type[(type.IndexOf('<', StringComparison.Ordinal) + 1)..^1];
            var items = trimmed.StartsWith('[')
                ? ParseJson(trimmed).EnumerateArray().Select(e => FromJson(element, e)).ToList()
                : trimmed.Length == 0 ? [] : trimmed.Split(',').Select(s => Convert(element, s)).ToList();
            return type.StartsWith("set<", StringComparison.Ordinal) ? MakeSet(element, items) : MakeList(element, items);
        }

        if (type.StartsWith("map<", StringComparison.Ordinal))
        {
            var value = type[(type.IndexOf(',', StringComparison.Ordinal) + 1)..^1];
            var pairs = trimmed.StartsWith('{')
                ? ParseJson(trimmed).EnumerateObject().Select(p => (p.Name, FromJson(value, p.Value))).ToList()
                : trimmed.Length == 0 ? [] : trimmed.Split(',').Select(kv =>
                {
                    var eq = kv.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new FormatException($"'{kv}' is not key=value");
                    }

                    return (kv[..eq].Trim(), Convert(value, kv[(eq + 1)..]));
                }).ToList();
            return MakeMap(value, pairs);
        }

        return type switch
        {
            "string" => text,
            "int" => long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? (long?)l : throw new FormatException($"'{text}' is not an int"),
            "float" => double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? (double?)d : throw new FormatException($"'{text}' is not a float"),
            "bool" => trimmed switch
            {
                "true" => (bool?)true,
                "false" => (bool?)false,
                _ => throw new FormatException($"'{text}' is not a bool (true or false)"),
            },
            _ => throw new FormatException($"parameters of type {type} cannot be set from text"),
        };
    }

    private static JsonElement ParseJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException e)
        {
            throw new FormatException("invalid JSON: " + e.Message, e);
        }
    }

    private static object? FromJson(string type, JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Convert(type, element.GetString() ?? string.Empty),
        JsonValueKind.Null => null,
        _ => Convert(type, element.GetRawText()),
    };

    private static object MakeList(string element, List<object?> items) => element switch
    {
        "string" => items.Cast<string>().ToList(),
        "int" => items.Cast<long?>().ToList(),
        "float" => items.Cast<double?>().ToList(),
        "bool" => items.Cast<bool?>().ToList(),
        _ => throw new FormatException($"lists of {element} cannot be set from text"),
    };

    private static object MakeSet(string element, List<object?> items) => element switch
    {
        "string" => new HashSet<string>(items.Cast<string>(), StringComparer.Ordinal),
        "int" => new HashSet<long?>(items.Cast<long?>()),
        "float" => new HashSet<double?>(items.Cast<double?>()),
        "bool" => new HashSet<bool?>(items.Cast<bool?>()),
        _ => throw new FormatException($"sets of {element} cannot be set from text"),
    };

    private static object MakeMap(string value, List<(string Key, object? Value)> pairs) => value switch
    {
        "string" => pairs.ToDictionary(p => p.Key, p => p.Value as string ?? string.Empty, StringComparer.Ordinal),
        "int" => pairs.ToDictionary(p => p.Key, p => (long?)p.Value, StringComparer.Ordinal),
        "float" => pairs.ToDictionary(p => p.Key, p => (double?)p.Value, StringComparer.Ordinal),
        "bool" => pairs.ToDictionary(p => p.Key, p => (bool?)p.Value, StringComparer.Ordinal),
        _ => throw new FormatException($"maps of {value} cannot be set from text"),
    };
}
