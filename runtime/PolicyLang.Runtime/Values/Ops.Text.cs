// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using k8s.Models;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Values;

public static partial class Ops
{
    // Interpolation: how each value reads inside a message. Absent reads as an empty string.

    public static string Str(string? value) => value ?? string.Empty;

    public static string Str(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Str(double? value) => value?.ToString("G", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Str(bool? value) => value is null ? string.Empty : value.Value ? "true" : "false";

    public static string Str(ResourceQuantity? value) => value?.ToString() ?? string.Empty;

    public static string Str(TimeSpan? value) => value is { } d ? FormatDuration(d) : string.Empty;

    public static string Str(DateTimeOffset? value) => value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? string.Empty;

    public static string Str(DocNode? value) => value switch
    {
        null => string.Empty,
        DocScalar s => s.Kind == DocNodeKind.Null ? string.Empty : s.Text,
        _ => System.Text.Json.JsonSerializer.Serialize(DocJson.ToJsonNode(value)),
    };

    public static string Str<T>(IEnumerable<T>? values) => values switch
    {
        null => string.Empty,
        System.Collections.IDictionary map => StrMap(map),
        _ => "[" + string.Join(", ", values.Select(v => StrObject(v))) + "]",
    };

    public static string Str(object? value) => StrObject(value);

    private static string StrObject(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        long l => Str(l),
        int i => Str(i),
        double d => Str(d),
        bool b => Str(b),
        ResourceQuantity q => Str(q),
        TimeSpan t => Str(t),
        DateTimeOffset t => Str(t),
        DocNode n => Str(n),
        System.Collections.IDictionary map => StrMap(map),
        System.Collections.IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Select(StrObject)) + "]",
        _ when value.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>) => StrEntry(type.GetProperty("Key")?.GetValue(value), type.GetProperty("Value")?.GetValue(value)),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A map reads as its literal does: <c>{key: value, …}</c>, values formatted as in messages.</summary>
    private static string StrMap(System.Collections.IDictionary map)
    {
        var entries = new List<string>(map.Count);
        var enumerator = map.GetEnumerator();
        while (enumerator.MoveNext())
        {
            entries.Add(StrEntry(enumerator.Key, enumerator.Value));
        }

        return "{" + string.Join(", ", entries) + "}";
    }

    private static string StrEntry(object? key, object? value) => StrObject(key) + ": " + StrObject(value);

    /// <summary>A duration in Go's notation: <c>1h30m0s</c>, <c>250ms</c>.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0s";
        }

        var builder = new StringBuilder();
        if (duration < TimeSpan.Zero)
        {
            builder.Append('-');
            duration = duration.Negate();
        }

        if (duration < TimeSpan.FromSeconds(1))
        {
            return builder.Append(duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)).Append("ms").ToString();
        }

        var hours = (long)duration.TotalHours;
        if (hours > 0)
        {
            builder.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (hours > 0 || duration.Minutes > 0)
        {
            builder.Append(duration.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = duration.Seconds + (duration.Milliseconds / 1000.0);
        return builder.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s').ToString();
    }
}
