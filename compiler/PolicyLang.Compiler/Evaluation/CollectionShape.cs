// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;

namespace PolicyLang.Compiler.Evaluation;

/// <summary>
/// Reads and builds the typed collections generated code uses (<c>IList&lt;T&gt;</c>, <c>ISet&lt;T&gt;</c>,
/// <c>IDictionary&lt;string, T&gt;</c>, <c>List&lt;T&gt;</c>, <c>HashSet&lt;T&gt;</c>, <c>Dictionary&lt;string, T&gt;</c>)
/// through the same interfaces, for an element type known only at run time.
/// </summary>
internal abstract class CollectionShape
{
    private static readonly ConcurrentDictionary<Type, CollectionShape> Shapes = new();

    public static CollectionShape For(Type element) =>
        Shapes.GetOrAdd(element, static t => (CollectionShape)(Activator.CreateInstance(typeof(CollectionShape<>).MakeGenericType(t))
            ?? throw new InvalidOperationException("No collection shape for " + t.Name)));

    /// <summary><c>list.Count</c> of an <c>IList&lt;T&gt;</c>.</summary>
    public abstract int Count(object list);

    /// <summary><c>list[index]</c> of an <c>IList&lt;T&gt;</c>.</summary>
    public abstract object? Item(object list, int index);

    /// <summary>The elements of an <c>IEnumerable&lt;T&gt;</c> (a set), in its enumeration order.</summary>
    public abstract IEnumerable<object?> Items(object collection);

    /// <summary>The entries of an <c>IDictionary&lt;string, T&gt;</c>, in its enumeration order.</summary>
    public abstract IEnumerable<KeyValuePair<string, object?>> Entries(object map);

    /// <summary>A new <c>List&lt;T&gt;</c>.</summary>
    public abstract object NewList();

    /// <summary>A new <c>HashSet&lt;T&gt;</c>.</summary>
    public abstract object NewSet();

    /// <summary>A new <c>Dictionary&lt;string, T&gt;</c>.</summary>
    public abstract object NewMap();

    /// <summary><c>builder.Add(item)</c> of a <c>List&lt;T&gt;</c> or <c>HashSet&lt;T&gt;</c>.</summary>
    public static void Add(object builder, object? item) =>
        Reflect.Invoke(builder.GetType().GetMethod("Add") ?? throw new InvalidOperationException("Not a collection builder: " + builder.GetType().Name), builder, item);

    /// <summary><c>map[key] = value</c> of a <c>Dictionary&lt;string, T&gt;</c>: the real indexer, so a null key throws as in generated code.</summary>
    public static void Put(object map, string? key, object? value) =>
        Reflect.Invoke(map.GetType().GetProperty("Item")?.SetMethod ?? throw new InvalidOperationException("Not a map builder: " + map.GetType().Name), map, key, value);

    /// <summary>An array <c>T[]</c> of the items (for <c>params T[]</c> arguments).</summary>
    public static Array ToArray(Type element, IReadOnlyList<object?> items)
    {
        var array = Array.CreateInstance(element, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            array.SetValue(items[i], i);
        }

        return array;
    }
}

/// <summary>The collection shape of one element type.</summary>
internal sealed class CollectionShape<T> : CollectionShape
{
    public override int Count(object list) => ((ICollection<T>)list).Count;

    public override object? Item(object list, int index) => ((IList<T>)list)[index];

    public override IEnumerable<object?> Items(object collection)
    {
        foreach (var item in (IEnumerable<T>)collection)
        {
            yield return item;
        }
    }

    public override IEnumerable<KeyValuePair<string, object?>> Entries(object map)
    {
        foreach (var entry in (IEnumerable<KeyValuePair<string, T>>)map)
        {
            yield return new KeyValuePair<string, object?>(entry.Key, entry.Value);
        }
    }

    public override object NewList() => new List<T>();

    public override object NewSet() => new HashSet<T>();

    public override object NewMap() => new Dictionary<string, T>();
}
