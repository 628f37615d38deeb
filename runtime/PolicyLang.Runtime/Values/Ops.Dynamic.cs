// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text.Json;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Values;

public static partial class Ops
{
    /// <summary>A field of a dynamic value; absent when it is not a map or has no such field.</summary>
    public static DocNode? Get(DocNode? node, string name) => node is DocMap map ? Present(map[name]) : null;

    /// <summary>An element (by position) or field (by name) of a dynamic value.</summary>
    public static DocNode? Index(DocNode? node, long? index)
    {
        if (node is not DocList list || index is not { } i)
        {
            return null;
        }

        if (i < 0)
        {
            i += list.Count;
        }

        return i >= 0 && i < list.Count ? Present(list[(int)i]) : null;
    }

    /// <summary>A field of a dynamic value by a computed name.</summary>
    public static DocNode? Index(DocNode? node, string? key) => key is null ? null : Get(node, key);

    /// <summary>A dynamic index: a number indexes a list, a string a map.</summary>
    public static DocNode? Index(DocNode? node, DocNode? key) => key switch
    {
        DocScalar { Kind: DocNodeKind.Integer } s => Index(node, s.AsInteger()),
        DocScalar s => Index(node, s.AsString()),
        _ => null,
    };

    /// <summary>The number of items (list) or entries (map) of a dynamic value; 0 otherwise.</summary>
    public static int DynCount(DocNode? node) => node switch
    {
        DocList list => list.Count,
        DocMap map => map.Count,
        _ => 0,
    };

    /// <summary>The i-th item of a list, or the i-th value of a map.</summary>
    public static DocNode? DynItem(DocNode? node, int index) => node switch
    {
        DocList list => Present(list[index]),
        DocMap map => Present(map.Entries[index].Value),
        _ => null,
    };

    /// <summary>The i-th key of a map as a dynamic string, or the i-th item of a list.</summary>
    public static DocNode? DynKey(DocNode? node, int index) => node switch
    {
        DocMap map => new DocScalar(DocNodeKind.String, map.Entries[index].Key, map.Entries[index].KeyLine, map.Entries[index].KeyColumn),
        DocList list => Present(list[index]),
        _ => null,
    };

    /// <summary>The i-th key of a map, or the position for a list (for paths).</summary>
    public static string DynPathToken(DocNode? node, int index) =>
        node is DocMap map ? JsonPointer.Escape(map.Entries[index].Key) : index.ToString(CultureInfo.InvariantCulture);

    /// <summary>True when the dynamic value is absent (missing or null).</summary>
    public static bool IsAbsent(DocNode? node) => node is null || node.Kind == DocNodeKind.Null;

    /// <summary><c>a ?? b</c> for dynamic values.</summary>
    public static DocNode? Coalesce(DocNode? left, DocNode? right) => IsAbsent(left) ? right : left;

    public static string? AsString(DocNode? node) => node is DocScalar { Kind: not DocNodeKind.Null } s ? s.Text : null;

    public static long? AsLong(DocNode? node) => node switch
    {
        DocScalar { Kind: DocNodeKind.Integer } s => s.AsInteger(),
        DocScalar { Kind: DocNodeKind.Float } s when s.AsFloat() is { } d && d == Math.Floor(d) && Math.Abs(d) < 9e18 => (long)d,
        DocScalar { Kind: DocNodeKind.String } s when long.TryParse(s.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        _ => null,
    };

    public static double? AsDouble(DocNode? node) => node switch
    {
        DocScalar { Kind: DocNodeKind.Integer or DocNodeKind.Float } s => s.AsFloat(),
        DocScalar { Kind: DocNodeKind.String } s when double.TryParse(s.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static bool? AsBool(DocNode? node) => node is DocScalar { Kind: DocNodeKind.Boolean } s ? s.AsBoolean() : null;

    public static k8s.Models.ResourceQuantity? AsQuantity(DocNode? node) => Quantity(AsString(node));

    /// <summary>Dynamic equality: scalars by value (numbers across int/float), collections structurally; absent equals absent.</summary>
    public static bool Eq(DocNode? left, DocNode? right)
    {
        if (IsAbsent(left) || IsAbsent(right))
        {
            return IsAbsent(left) && IsAbsent(right);
        }

        switch (left, right)
        {
            case (DocScalar a, DocScalar b):
                if (IsNumber(a) && IsNumber(b))
                {
                    return a.AsFloat() == b.AsFloat();
                }

                return a.Kind == b.Kind && string.Equals(a.Text, b.Text, StringComparison.Ordinal);
            case (DocList a, DocList b):
                if (a.Count != b.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!Eq(a[i], b[i]))
                    {
                        return false;
                    }
                }

                return true;
            case (DocMap a, DocMap b):
                return a.Count == b.Count && a.Entries.All(e => Eq(e.Value, b[e.Key]));
            default:
                return false;
        }
    }

    public static bool Eq(DocNode? left, string? right) => right is null ? IsAbsent(left) : left is DocScalar { Kind: DocNodeKind.String } s && s.Text == right;

    public static bool Eq(string? left, DocNode? right) => Eq(right, left);

    public static bool Eq(DocNode? left, long? right) => right is null ? IsAbsent(left) : AsNumber(left) is { } d && d == right.Value;

    public static bool Eq(long? left, DocNode? right) => Eq(right, left);

    public static bool Eq(DocNode? left, double? right) => right is null ? IsAbsent(left) : AsNumber(left) is { } d && d == right.Value;

    public static bool Eq(double? left, DocNode? right) => Eq(right, left);

    public static bool Eq(DocNode? left, bool? right) => right is null ? IsAbsent(left) : left is DocScalar { Kind: DocNodeKind.Boolean } s && s.AsBoolean() == right;

    public static bool Eq(bool? left, DocNode? right) => Eq(right, left);

    public static bool Eq(DocNode? left, object? right) => right is null ? IsAbsent(left) : Eq(left, FromObject(right));

    public static bool Eq(object? left, DocNode? right) => Eq(right, left);

    /// <summary>Dynamic ordering: numbers with numbers, strings with strings; null (no order) otherwise.</summary>
    public static int? Compare(DocNode? left, DocNode? right)
    {
        if (AsNumber(left) is { } a && AsNumber(right) is { } b && IsNumber(left) && IsNumber(right))
        {
            return a.CompareTo(b);
        }

        return left is DocScalar { Kind: DocNodeKind.String } ls && right is DocScalar { Kind: DocNodeKind.String } rs ? string.CompareOrdinal(ls.Text, rs.Text) : null;
    }

    public static int? Compare(DocNode? left, long? right) => IsNumber(left) && right is { } r ? AsNumber(left)?.CompareTo((double)r) : null;

    public static int? Compare(long? left, DocNode? right) => -Compare(right, left);

    public static int? Compare(DocNode? left, double? right) => IsNumber(left) && right is { } r ? AsNumber(left)?.CompareTo(r) : null;

    public static int? Compare(double? left, DocNode? right) => -Compare(right, left);

    public static int? Compare(DocNode? left, string? right) => left is DocScalar { Kind: DocNodeKind.String } s && right is not null ? string.CompareOrdinal(s.Text, right) : null;

    public static int? Compare(string? left, DocNode? right) => -Compare(right, left);

    /// <summary><c>x in dynamic</c>: an item of a list, a key of a map, or a substring of a string.</summary>
    public static bool DynContains(DocNode? collection, DocNode? item)
    {
        switch (collection)
        {
            case DocList list:
                foreach (var element in list.Items)
                {
                    if (Eq(element, item))
                    {
                        return true;
                    }
                }

                return false;
            case DocMap map:
                return AsString(item) is { } key && map.TryGetEntry(key, out _);
            case DocScalar { Kind: DocNodeKind.String } text:
                return AsString(item) is { } needle && text.Text.Contains(needle, StringComparison.Ordinal);
            default:
                return false;
        }
    }

    public static bool DynContains(DocNode? collection, string? item) => item is not null && DynContains(collection, new DocScalar(DocNodeKind.String, item, 0, 0));

    public static bool DynContains(DocNode? collection, long? item) => item is { } i && DynContains(collection, new DocScalar(DocNodeKind.Integer, i.ToString(CultureInfo.InvariantCulture), 0, 0));

    public static bool DynContains(DocNode? collection, double? item) => item is { } d && DynContains(collection, new DocScalar(DocNodeKind.Float, d.ToString("R", CultureInfo.InvariantCulture), 0, 0));

    public static bool DynContains(DocNode? collection, bool? item) => item is { } b && DynContains(collection, new DocScalar(DocNodeKind.Boolean, b ? "true" : "false", 0, 0));

    public static bool DynContains(DocNode? collection, object? item) => item is not null && DynContains(collection, FromObject(item));

    /// <summary><c>dynamic in list</c>: whether a dynamic scalar equals an element.</summary>
    public static bool DynIn(DocNode? item, IList<string>? list) => list is not null && AsString(item) is { } s && Contains(list, s);

    /// <summary>A schema-less CLR value (JSON element or object) as a dynamic value.</summary>
    public static DocNode? FromObject(object? value) => value switch
    {
        null => null,
        DocNode node => node,
        JsonElement element => FromJson(element),
        string s => new DocScalar(DocNodeKind.String, s, 0, 0),
        bool b => new DocScalar(DocNodeKind.Boolean, b ? "true" : "false", 0, 0),
        long or int or short or byte => new DocScalar(DocNodeKind.Integer, ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), 0, 0),
        double or float or decimal => new DocScalar(DocNodeKind.Float, ((IFormattable)value).ToString(null, CultureInfo.InvariantCulture), 0, 0),
        _ => FromJson(JsonSerializer.SerializeToElement(value)),
    };

    private static DocNode? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new DocMap(element.EnumerateObject().Select(p => new DocEntry(p.Name, FromJson(p.Value) ?? new DocScalar(DocNodeKind.Null, string.Empty, 0, 0), 0, 0)).ToArray(), 0, 0),
        JsonValueKind.Array => new DocList(element.EnumerateArray().Select(e => FromJson(e) ?? new DocScalar(DocNodeKind.Null, string.Empty, 0, 0)).ToArray(), 0, 0),
        JsonValueKind.String => new DocScalar(DocNodeKind.String, element.GetString() ?? string.Empty, 0, 0),
        JsonValueKind.Number => new DocScalar(element.TryGetInt64(out _) ? DocNodeKind.Integer : DocNodeKind.Float, element.GetRawText(), 0, 0),
        JsonValueKind.True => new DocScalar(DocNodeKind.Boolean, "true", 0, 0),
        JsonValueKind.False => new DocScalar(DocNodeKind.Boolean, "false", 0, 0),
        _ => null,
    };

    private static DocNode? Present(DocNode? node) => node is null || node.Kind == DocNodeKind.Null ? null : node;

    private static bool IsNumber(DocNode? node) => node is DocScalar { Kind: DocNodeKind.Integer or DocNodeKind.Float };

    private static double? AsNumber(DocNode? node) => node is DocScalar { Kind: DocNodeKind.Integer or DocNodeKind.Float } s ? s.AsFloat() : null;

    public static DateTimeOffset? AsTimestamp(DocNode? node) =>
        AsString(node) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static TimeSpan? AsDuration(DocNode? node) => AsString(node) is { } s ? ParseDuration(s) : null;

    /// <summary>Parses a Go-style duration (<c>1h30m</c>, <c>250ms</c>, <c>-1.5h</c>); null when invalid.</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var i = 0;
        var negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            i++;
        }

        if (i < text.Length && text[i..] == "0")
        {
            return TimeSpan.Zero;
        }

        double ticks = 0;
        var any = false;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (start == i || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]) || (i < text.Length && text[i] == 'µ'))
            {
                i++;
            }

            var factor = text[unitStart..i] switch
            {
                "ns" => TimeSpan.TicksPerMillisecond / 1_000_000.0,
                "us" or "µs" => TimeSpan.TicksPerMillisecond / 1000.0,
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                "d" => TimeSpan.TicksPerDay,
                _ => double.NaN,
            };
            if (double.IsNaN(factor))
            {
                return null;
            }

            ticks += number * factor;
            any = true;
        }

        if (!any || ticks > TimeSpan.MaxValue.Ticks)
        {
            return null;
        }

        var span = TimeSpan.FromTicks((long)ticks);
        return negative ? span.Negate() : span;
    }
}
