// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Runtime.CompilerServices;

namespace PolicyLang.Runtime.Values;

public static partial class Ops
{
    /// <summary><c>list[i]</c>: absent when the list is absent or i is out of range (negative i counts from the end).</summary>
    public static T? At<T>(IList<T>? list, long? index)
    {
        if (list is null || index is not { } i)
        {
            return default;
        }

        if (i < 0)
        {
            i += list.Count;
        }

        return i >= 0 && i < list.Count ? list[(int)i] : default;
    }

    /// <summary><c>map[key]</c>: absent when the map or key is absent.</summary>
    public static TValue? Get<TValue>(IDictionary<string, TValue>? map, string? key) =>
        map is not null && key is not null && map.TryGetValue(key, out var value) ? value : default;

    /// <summary>One entry of a map literal: stored unless its key is absent (as map comprehensions skip absent keys).</summary>
    public static IDictionary<string, TValue> Put<TValue>(IDictionary<string, TValue> map, string? key, TValue value)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (key is not null)
        {
            map[key] = value;
        }

        return map;
    }

    /// <summary><c>x in list</c>: false when the list is absent.</summary>
    public static bool Contains<T>(IList<T>? list, T item)
    {
        if (list is null)
        {
            return false;
        }

        if (list is ListLiteral<T> literal)
        {
            return literal.Has(item);
        }

        if (list is T[] array)
        {
            return Array.IndexOf(array, item) >= 0;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < list.Count; i++)
        {
            if (comparer.Equals(list[i], item))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>x in set</c>: false when the set is absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Contains<T>(ISet<T>? set, T item) => set is not null && set.Contains(item);

    /// <summary><c>key in map</c>: false when the map or key is absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ContainsKey<TValue>(IDictionary<string, TValue>? map, string? key) => map is not null && key is not null && map.ContainsKey(key);

    /// <summary><c>needle in haystack</c> for strings (ordinal substring): false when either is absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool ContainsText(string? needle, string? haystack) => needle is not null && haystack is not null && haystack.Contains(needle, StringComparison.Ordinal);

    /// <summary><c>list + list</c>: a new list; absent lists count as empty.</summary>
    public static IList<T> Concat<T>(IList<T>? left, IList<T>? right)
    {
        var result = new List<T>((left?.Count ?? 0) + (right?.Count ?? 0));
        if (left is not null)
        {
            result.AddRange(left);
        }

        if (right is not null)
        {
            result.AddRange(right);
        }

        return result;
    }

    /// <summary>The number of elements, 0 for absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Count<T>(ICollection<T>? collection) => collection?.Count ?? 0;

    /// <summary>Converts a list of ints of another width to the language's int list.</summary>
    public static IList<long?>? ToLongList(IList<int?>? list) => list?.Select(i => (long?)i).ToList();

    /// <summary>Converts a list of ints of another width to the language's int list.</summary>
    public static IList<long?>? ToLongList(IList<int>? list) => list?.Select(i => (long?)i).ToList();

    /// <summary>Converts a list of longs to the language's int list.</summary>
    public static IList<long?>? ToLongList(IList<long>? list) => list?.Select(i => (long?)i).ToList();

    /// <summary>Converts a list of doubles to the language's float list.</summary>
    public static IList<double?>? ToDoubleList(IList<double>? list) => list?.Select(i => (double?)i).ToList();
}
