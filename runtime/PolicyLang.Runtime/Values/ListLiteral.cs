// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Frozen;
using System.Collections.ObjectModel;

namespace PolicyLang.Runtime.Values;

/// <summary>
/// The value of a list literal (<see cref="Ops.ConstList{T}"/>): read-only, as every list given to policies, and
/// holding its array, so that <c>x in list</c> and the list built-ins scan the array directly instead of going through
/// two interface calls per element. A longer list of strings or numbers (the usual <c>list shells = [...]</c>) also
/// keeps a frozen set of its elements, so <c>in</c> is a hash lookup rather than a scan.
/// </summary>
public sealed class ListLiteral<T> : ReadOnlyCollection<T>
{
    // Below this many elements a scan is as fast as hashing the item.
    private const int SetThreshold = 6;

    private readonly T[] _items;
    private readonly FrozenSet<T>? _set;

    public ListLiteral(T[] items)
        : base(items)
    {
        _items = items;
        if (items.Length >= SetThreshold && (typeof(T) == typeof(string) || typeof(T) == typeof(long?) || typeof(T) == typeof(long)) && Array.TrueForAll(items, i => i is not null))
        {
            // Default equality, as the scan: ordinal for strings.
            _set = items.ToFrozenSet(EqualityComparer<T>.Default);
        }
    }

    /// <summary>True when an element equals <paramref name="item"/> (default equality, as <c>in</c>).</summary>
    public bool Has(T item) => _set is { } set ? item is not null && set.Contains(item) : Array.IndexOf(_items, item) >= 0;
}
