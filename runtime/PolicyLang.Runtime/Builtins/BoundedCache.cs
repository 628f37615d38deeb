// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// A thread-safe cache with a fixed maximum number of entries, for parsed patterns (regexes, globs, ranges).
/// When it is full it starts over: patterns in policies are few and hot, so this keeps them cached, while
/// patterns that come from input data cannot grow memory without bound.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries;
    private readonly int _capacity;
    private int _count;

    public BoundedCache(int capacity, IEqualityComparer<TKey>? comparer = null)
    {
        _capacity = capacity;
        _entries = new ConcurrentDictionary<TKey, TValue>(comparer);
    }

    /// <summary>The number of entries now held (takes every lock of the dictionary: for tests and diagnostics).</summary>
    public int Count => _entries.Count;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
    {
        if (_entries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var value = create(key);
        if (Interlocked.Increment(ref _count) > _capacity)
        {
            _entries.Clear();
            Volatile.Write(ref _count, 1);
        }

        if (!_entries.TryAdd(key, value))
        {
            Interlocked.Decrement(ref _count);
        }

        return value;
    }
}
