// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Lists and maps. An absent collection counts as empty (its length is 0, it has no keys); functions that pick one
/// element (<c>first</c>, <c>last</c>, <c>lookup</c>) give absent when there is none. Results are new collections:
/// inputs are never changed. Map functions keep the map's own order (document order for parsed input).
/// </summary>
public static class CollectionBuiltins
{
    [Builtin("len", BuiltinCategories.Collections, "The number of characters (Unicode code points) in s; 0 if s is absent.", Example = "len(\"héllo\") == 5")]
    public static long Len([Doc("The string.")] string? s) => s is null ? 0 : TextIndex.RuneCount(s);

    [Builtin("len", BuiltinCategories.Collections, "The number of elements in the list; 0 if it is absent.", Example = "len(p.spec.containers) == 1")]
    public static long Len<T>([Doc("The list.")] IList<T>? list) => list?.Count ?? 0;

    [Builtin("len", BuiltinCategories.Collections, "The number of elements in the set; 0 if it is absent.", Example = "len(toSet([\"a\", \"a\"])) == 1")]
    public static long Len<T>([Doc("The set.")] ISet<T>? set) => set?.Count ?? 0;

    [Builtin("len", BuiltinCategories.Collections, "The number of entries in the map; 0 if it is absent.", Example = "len(o.metadata.labels) > 0")]
    public static long Len<T>([Doc("The map.")] IDictionary<string, T>? map) => map?.Count ?? 0;

    [Builtin("keys", BuiltinCategories.Collections, "The map's keys, in the map's order (use sort for a fixed order). Empty if the map is absent.", Example = "sort(keys({\"b\": 1, \"a\": 2})) == [\"a\", \"b\"]")]
    public static IList<string> Keys<T>([Doc("The map.")] IDictionary<string, T>? map) => map is null ? [] : map.Keys.ToList();

    [Builtin("values", BuiltinCategories.Collections, "The map's values, in the map's order. Empty if the map is absent.", Example = "values({\"a\": 1}) == [1]")]
    public static IList<T> Values<T>([Doc("The map.")] IDictionary<string, T>? map) => map is null ? [] : map.Values.ToList();

    [Builtin("hasKey", BuiltinCategories.Collections, "True if the map has the key (even when its value is absent). False if the map or key is absent.", Example = "hasKey(o.metadata.labels, \"app.kubernetes.io/name\")")]
    public static bool HasKey<T>([Doc("The map.")] IDictionary<string, T>? map, [Doc("The key.")] string? key) =>
        map is not null && key is not null && map.ContainsKey(key);

    [Builtin("lookup", BuiltinCategories.Collections, "The map's value for key, or fallback when the map or key is absent, the key is missing or its value is absent.", Example = "lookup(o.metadata.labels, \"tier\", \"none\") == \"none\"")]
    public static T Lookup<T>([Doc("The map.")] IDictionary<string, T>? map, [Doc("The key.")] string? key, [Doc("The value to use when there is none.")] T fallback) =>
        map is not null && key is not null && map.TryGetValue(key, out var value) && value is not null ? value : fallback;

    [Builtin("sort", BuiltinCategories.Collections, "The strings in ordinal order (absent elements first). Empty if the list is absent.", Example = "sort([\"b\", \"a\", \"C\"]) == [\"C\", \"a\", \"b\"]")]
    public static IList<string?> Sort([Doc("The strings.")] IList<string?>? list) =>
        list is null ? [] : list.Order(StringComparer.Ordinal).ToList();

    [Builtin("sort", BuiltinCategories.Collections, "The integers in ascending order (absent elements first). Empty if the list is absent.", Example = "sort([3, 1, 2]) == [1, 2, 3]")]
    public static IList<long?> Sort([Doc("The integers.")] IList<long?>? list) => list is null ? [] : list.Order().ToList();

    [Builtin("sort", BuiltinCategories.Collections, "The floats in ascending order (absent elements first, then NaN). Empty if the list is absent.", Example = "sort([0.5, 0.25]) == [0.25, 0.5]")]
    public static IList<double?> Sort([Doc("The floats.")] IList<double?>? list) => list is null ? [] : list.Order().ToList();

    [Builtin("unique", BuiltinCategories.Collections, "The list without repeated elements, keeping the first of each, in order. Empty if the list is absent.", Example = "unique([\"a\", \"b\", \"a\"]) == [\"a\", \"b\"]")]
    public static IList<T> Unique<T>([Doc("The list.")] IList<T>? list) => list is null ? [] : list.Distinct(EqualityComparer<T>.Default).ToList();

    [Builtin("flatten", BuiltinCategories.Collections, "The elements of each inner list, in order (absent inner lists are skipped). Empty if the list is absent.", Example = "flatten([[\"a\"], [\"b\", \"c\"]]) == [\"a\", \"b\", \"c\"]")]
    public static IList<T> Flatten<T>([Doc("A list of lists.")] IList<IList<T>?>? lists) =>
        lists is null ? [] : lists.Where(l => l is not null).SelectMany(l => l ?? []).ToList();

    [Builtin("reverse", BuiltinCategories.Collections, "The list in reverse order. Empty if the list is absent.", Example = "reverse([1, 2, 3]) == [3, 2, 1]")]
    public static IList<T> Reverse<T>([Doc("The list.")] IList<T>? list) => list is null ? [] : list.Reverse().ToList();

    [Builtin("first", BuiltinCategories.Collections, "The first element. Absent if the list is absent or empty.", Example = "first(split(\"a/b\", \"/\")) == \"a\"")]
    public static T? First<T>([Doc("The list.")] IList<T>? list) => list is { Count: > 0 } ? list[0] : default;

    [Builtin("last", BuiltinCategories.Collections, "The last element. Absent if the list is absent or empty.", Example = "last(split(\"a/b\", \"/\")) == \"b\"")]
    public static T? Last<T>([Doc("The list.")] IList<T>? list) => list is { Count: > 0 } ? list[^1] : default;
}
