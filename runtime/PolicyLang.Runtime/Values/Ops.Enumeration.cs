// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Values;

public static partial class Ops
{
    /// <summary>
    /// The entries of a map for a generated <c>foreach</c>: a <see cref="Dictionary{TKey, TValue}"/> (what the
    /// Kubernetes models and the generated code build) is enumerated with its own struct enumerator, so a loop over a
    /// map allocates nothing; enumerating through <see cref="IDictionary{TKey, TValue}"/> would box it on every loop.
    /// </summary>
    public static MapEntries<TKey, TValue> Entries<TKey, TValue>(IDictionary<TKey, TValue> map)
        where TKey : notnull => new(map);

    /// <summary>The elements of a set for a generated <c>foreach</c>, without boxing a <see cref="HashSet{T}"/>'s enumerator.</summary>
    public static SetItems<T> Items<T>(ISet<T> set) => new(set);
}

/// <summary>A map's entries, enumerated without allocating when the map is a <see cref="Dictionary{TKey, TValue}"/>.</summary>
public readonly struct MapEntries<TKey, TValue>(IDictionary<TKey, TValue> map)
    where TKey : notnull
{
    public Enumerator GetEnumerator() => new(map);

    public struct Enumerator
    {
        private readonly IEnumerator<KeyValuePair<TKey, TValue>>? _other;
        private Dictionary<TKey, TValue>.Enumerator _dictionary;

        internal Enumerator(IDictionary<TKey, TValue> map)
        {
            if (map is Dictionary<TKey, TValue> dictionary)
            {
                _dictionary = dictionary.GetEnumerator();
            }
            else
            {
                _other = map.GetEnumerator();
            }
        }

        public readonly KeyValuePair<TKey, TValue> Current => _other is null ? _dictionary.Current : _other.Current;

        public bool MoveNext() => _other?.MoveNext() ?? _dictionary.MoveNext();
    }
}

/// <summary>A set's elements, enumerated without allocating when the set is a <see cref="HashSet{T}"/>.</summary>
public readonly struct SetItems<T>(ISet<T> set)
{
    public Enumerator GetEnumerator() => new(set);

    public struct Enumerator
    {
        private readonly IEnumerator<T>? _other;
        private HashSet<T>.Enumerator _hashSet;

        internal Enumerator(ISet<T> set)
        {
            if (set is HashSet<T> hashSet)
            {
                _hashSet = hashSet.GetEnumerator();
            }
            else
            {
                _other = set.GetEnumerator();
            }
        }

        public readonly T Current => _other is null ? _hashSet.Current : _other.Current;

        public bool MoveNext() => _other?.MoveNext() ?? _hashSet.MoveNext();
    }
}
