// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>An inventory over a fixed set of objects. Views by kind are built on first use and cached.</summary>
public sealed class Inventory : IInventory
{
    public static readonly Inventory Empty = new([]);

    private readonly ConcurrentDictionary<string, IList<ManifestSubject>> _byKind = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string, Type), object> _typed = new();
    private readonly Lazy<IList<Workload>> _workloads;

    public Inventory(IList<ManifestSubject> objects)
    {
        Objects = objects;
        _workloads = new Lazy<IList<Workload>>(() => objects.Select(TryWorkload).OfType<Workload>().ToArray());
    }

    public IList<ManifestSubject> Objects { get; }

    public IList<Workload> Workloads => _workloads.Value;

    public IList<ManifestSubject> OfKind(string kind) =>
        _byKind.GetOrAdd(kind, k => Objects.Where(o => string.Equals(o.Kind, k, StringComparison.Ordinal)).ToArray());

    public IList<T> OfKind<T>(string kind)
        where T : class =>
        (IList<T>)_typed.GetOrAdd((kind, typeof(T)), key => OfKind(key.Item1).Select(TryBind<T>).OfType<T>().ToArray());

    private static T? TryBind<T>(ManifestSubject subject)
        where T : class
    {
        try
        {
            return subject.As<T>();
        }
        catch (SubjectConversionException)
        {
            // The object's own evaluation reports the error; cross-object rules just do not see it.
            return null;
        }
    }

    private static Workload? TryWorkload(ManifestSubject subject)
    {
        try
        {
            return Workload.From(subject);
        }
        catch (SubjectConversionException)
        {
            return null;
        }
    }
}
