// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Set operations, on sets and on lists (a list is read as the set of its elements; results keep first-seen order and
/// have no duplicates). Elements compare by value (strings ordinally). An absent collection counts as empty:
/// a container that adds no capabilities has an absent <c>add</c> list, and it is a subset of any allowed list.
/// </summary>
public static class SetBuiltins
{
    [Builtin("union", BuiltinCategories.Sets, "The elements in a or b. Absent collections count as empty.", Example = "union(toSet([\"a\"]), toSet([\"b\"])) == toSet([\"a\", \"b\"])")]
    public static ISet<T> Union<T>([Doc("A set.")] ISet<T>? a, [Doc("Another set.")] ISet<T>? b)
    {
        var result = new HashSet<T>(a ?? Empty<T>(), EqualityComparer<T>.Default);
        result.UnionWith(b ?? Empty<T>());
        return result;
    }

    [Builtin("union", BuiltinCategories.Sets, "The distinct elements of a then those of b not in a, in order. Absent lists count as empty.", Example = "union([\"a\", \"b\"], [\"b\", \"c\"]) == [\"a\", \"b\", \"c\"]")]
    public static IList<T> Union<T>([Doc("A list.")] IList<T>? a, [Doc("Another list.")] IList<T>? b) =>
        (a ?? []).Concat(b ?? []).Distinct(EqualityComparer<T>.Default).ToList();

    [Builtin("intersection", BuiltinCategories.Sets, "The elements in both a and b. Absent collections count as empty.", Example = "intersection(toSet([\"a\", \"b\"]), toSet([\"b\"])) == toSet([\"b\"])")]
    public static ISet<T> Intersection<T>([Doc("A set.")] ISet<T>? a, [Doc("Another set.")] ISet<T>? b)
    {
        var other = b ?? Empty<T>();
        return new HashSet<T>((a ?? Empty<T>()).Where(other.Contains), EqualityComparer<T>.Default);
    }

    [Builtin("intersection", BuiltinCategories.Sets, "The distinct elements of a that are also in b, in a's order. Absent lists count as empty.", Example = "intersection([\"NET_RAW\", \"CHOWN\"], [\"NET_RAW\", \"SYS_ADMIN\"]) == [\"NET_RAW\"]")]
    public static IList<T> Intersection<T>([Doc("A list.")] IList<T>? a, [Doc("Another list.")] IList<T>? b)
    {
        var other = ToHashSet(b);
        return (a ?? []).Distinct(EqualityComparer<T>.Default).Where(other.Contains).ToList();
    }

    [Builtin("difference", BuiltinCategories.Sets, "The elements of a that are not in b. Absent collections count as empty.", Example = "difference(toSet([\"a\", \"b\"]), toSet([\"b\"])) == toSet([\"a\"])")]
    public static ISet<T> Difference<T>([Doc("A set.")] ISet<T>? a, [Doc("The set to remove.")] ISet<T>? b)
    {
        var other = b ?? Empty<T>();
        return new HashSet<T>((a ?? Empty<T>()).Where(x => !other.Contains(x)), EqualityComparer<T>.Default);
    }

    [Builtin("difference", BuiltinCategories.Sets, "The distinct elements of a that are not in b, in a's order. Absent lists count as empty.", Example = "difference([\"NET_RAW\", \"CHOWN\"], [\"CHOWN\"]) == [\"NET_RAW\"]")]
    public static IList<T> Difference<T>([Doc("A list.")] IList<T>? a, [Doc("The elements to remove.")] IList<T>? b)
    {
        var other = ToHashSet(b);
        return (a ?? []).Distinct(EqualityComparer<T>.Default).Where(x => !other.Contains(x)).ToList();
    }

    [Builtin("isSubset", BuiltinCategories.Sets, "True if every element of a is in b. An absent a counts as empty, so it is a subset of anything.", Example = "isSubset(toSet([\"NET_BIND_SERVICE\"]), toSet([\"NET_BIND_SERVICE\", \"CHOWN\"]))")]
    public static bool IsSubset<T>([Doc("The candidate subset.")] ISet<T>? a, [Doc("The superset.")] ISet<T>? b)
    {
        var other = b ?? Empty<T>();
        foreach (var x in Values.Ops.Items(a ?? Empty<T>()))
        {
            if (!other.Contains(x))
            {
                return false;
            }
        }

        return true;
    }

    [Builtin("isSubset", BuiltinCategories.Sets, "True if every element of list a is in list b. An absent a counts as empty, so it is a subset of anything.", Example = "isSubset(c.securityContext.capabilities.add, [\"NET_BIND_SERVICE\"])")]
    public static bool IsSubset<T>([Doc("The candidate subset.")] IList<T>? a, [Doc("The allowed elements.")] IList<T>? b)
    {
        if (a is null || a.Count == 0)
        {
            return true;
        }

        var other = Lookup(b);
        for (var i = 0; i < a.Count; i++)
        {
            if (!other.Contains(a[i]))
            {
                return false;
            }
        }

        return true;
    }

    [Builtin("intersects", BuiltinCategories.Sets, "True if a and b have at least one element in common. False if either is absent.", Example = "intersects(toSet([\"a\", \"b\"]), toSet([\"b\", \"c\"]))")]
    public static bool Intersects<T>([Doc("A set.")] ISet<T>? a, [Doc("Another set.")] ISet<T>? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        foreach (var x in Values.Ops.Items(a))
        {
            if (b.Contains(x))
            {
                return true;
            }
        }

        return false;
    }

    [Builtin("intersects", BuiltinCategories.Sets, "True if lists a and b have at least one element in common. False if either is absent.", Example = "intersects(c.securityContext.capabilities.add, [\"SYS_ADMIN\", \"NET_ADMIN\"])")]
    public static bool Intersects<T>([Doc("A list.")] IList<T>? a, [Doc("Another list.")] IList<T>? b)
    {
        if (a is null || a.Count == 0)
        {
            return false;
        }

        var other = Lookup(b);
        for (var i = 0; i < a.Count; i++)
        {
            if (other.Contains(a[i]))
            {
                return true;
            }
        }

        return false;
    }

    [Builtin("toSet", BuiltinCategories.Sets, "The set of the list's elements. An absent list gives the empty set.", Example = "len(toSet([\"a\", \"a\", \"b\"])) == 2")]
    public static ISet<T> ToSet<T>([Doc("The list.")] IList<T>? list) => ToHashSet(list);

    [Builtin("toList", BuiltinCategories.Sets, "The set's elements as a list, in the set's order. An absent set gives the empty list.", Example = "sort(toList(toSet([\"b\", \"a\"]))) == [\"a\", \"b\"]")]
    public static IList<T> ToList<T>([Doc("The set.")] ISet<T>? set) => set is null ? [] : set.ToList();

    /// <summary>
    /// Membership in a list for the predicates above: a scan for short lists (what policies compare with: allowed
    /// capabilities, volume types), so the hot path allocates nothing; a hash set past <see cref="ScanLimit"/>.
    /// </summary>
    private static ListLookup<T> Lookup<T>(IList<T>? list) =>
        list is null || list.Count <= ScanLimit ? new ListLookup<T>(list, null) : new ListLookup<T>(null, ToHashSet(list));

    private const int ScanLimit = 32;

    private readonly struct ListLookup<T>(IList<T>? list, HashSet<T>? set)
    {
        // Small lists are scanned the way `in` scans them (one place knows the list shapes).
        public bool Contains(T item) => set is not null ? set.Contains(item) : Values.Ops.Contains(list, item);
    }

    private static HashSet<T> ToHashSet<T>(IList<T>? list) => new(list ?? [], EqualityComparer<T>.Default);

    private static HashSet<T> Empty<T>() => new(EqualityComparer<T>.Default);
}
