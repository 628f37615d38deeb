// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// Everything evaluated together, for cross-object rules: in CI all inputs of the run, in a cluster a cache of
/// its objects. Read-only while rules run.
/// </summary>
public interface IInventory
{
    /// <summary>Every object.</summary>
    IList<ManifestSubject> Objects { get; }

    /// <summary>The workload of every object that has one.</summary>
    IList<Workload> Workloads { get; }

    /// <summary>The objects of one kind.</summary>
    IList<ManifestSubject> OfKind(string kind);

    /// <summary>The objects of one kind bound to their model; objects that do not fit the model are left out.</summary>
    IList<T> OfKind<T>(string kind)
        where T : class;
}
