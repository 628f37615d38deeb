// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.ObjectModel;

namespace PolicyLang.Runtime.Values;

/// <summary>
/// The value of a list literal (<see cref="Ops.ConstList{T}"/>): read-only, as every list given to policies, and
/// holding its array, so that <c>x in list</c> and the list built-ins scan the array directly instead of going through
/// two interface calls per element.
/// </summary>
public sealed class ListLiteral<T> : ReadOnlyCollection<T>
{
    private readonly T[] _items;

    public ListLiteral(T[] items)
        : base(items)
    {
        _items = items;
    }

    /// <summary>True when an element equals <paramref name="item"/> (default equality, as <c>in</c>).</summary>
    public bool Has(T item) => Array.IndexOf(_items, item) >= 0;
}
