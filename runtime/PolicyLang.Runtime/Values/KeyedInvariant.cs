// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Values;

/// <summary>
/// A subject-invariant call over the value of a constant map at a subject-dependent key, such as
/// <c>pss.since(selinux_types[type])</c>: the map is finite and fixed, so the call is computed when the policy is
/// instantiated for each of its keys and for an absent one, and a subject pays one lookup instead of the call.
/// A call that failed for a key keeps its exception and throws it where that key is looked up, so a rule fails on a
/// subject exactly where it would have failed computing the call (generated code).
/// </summary>
public sealed class KeyedInvariant<T>
{
    private readonly Dictionary<string, (T? Value, Exception? Error)> _byKey;
    private readonly (T? Value, Exception? Error) _absent;

    private KeyedInvariant(Dictionary<string, (T? Value, Exception? Error)> byKey, (T? Value, Exception? Error) absent)
    {
        _byKey = byKey;
        _absent = absent;
    }

    /// <summary>
    /// Computes <paramref name="call"/> on the value of every key of <paramref name="map"/>, and on the absent value
    /// that <c>map[key]</c> gives for any other key. Keys are compared as the map compares them.
    /// </summary>
    public static KeyedInvariant<T> Of<TValue>(IDictionary<string, TValue> map, Func<TValue?, T> call)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(call);
        var byKey = new Dictionary<string, (T?, Exception?)>(map.Count, map is Dictionary<string, TValue> d ? d.Comparer : StringComparer.Ordinal);
        foreach (var (key, value) in map)
        {
            byKey[key] = Compute(call, value);
        }

        return new KeyedInvariant<T>(byKey, Compute(call, default));
    }

    /// <summary>The call's value for <c>map[key]</c>; throws the call's failure for that key.</summary>
    public T? Get(string? key)
    {
        var (value, error) = key is not null && _byKey.TryGetValue(key, out var entry) ? entry : _absent;
        return error is null ? value : throw error;
    }

    private static (T?, Exception?) Compute<TValue>(Func<TValue?, T> call, TValue? value)
    {
        try
        {
            return (call(value), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Kept to be thrown where the call is reached, as the call itself would have thrown there.
            return (default, e);
        }
    }
}
