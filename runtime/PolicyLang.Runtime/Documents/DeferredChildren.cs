// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Documents;

/// <summary>
/// The children of a map or list, read when something first asks for them. A reader that has checked a whole document
/// (a valid JSON text) hands out its root at once and builds the positioned tree only where it is read — a finding's
/// position, a dynamic field, a message — while typed models bind straight from the node's text
/// (<see cref="Utf8Json"/>).
/// </summary>
public abstract class DeferredChildren
{
    /// <summary>The entries of the map, in document order. May be called more than once (by racing threads); each call gives equal entries.</summary>
    public abstract IReadOnlyList<DocEntry> ReadEntries();

    /// <summary>The items of the list, in document order. May be called more than once; each call gives equal items.</summary>
    public abstract IReadOnlyList<DocNode> ReadItems();

    /// <summary>
    /// The node as UTF-8 JSON that binds to exactly what <see cref="DocJson.ToUtf8"/> of its tree binds to, or empty
    /// when the reader cannot promise that (then the tree is written out and bound as usual).
    /// </summary>
    public abstract ReadOnlyMemory<byte> Utf8Json { get; }

    /// <summary>
    /// The model of type <typeparamref name="T"/> the reader bound from this node's text while checking it, handed out once
    /// (a caller gets a model of its own, as from a binding); null when there is none, or it was taken.
    /// </summary>
    public virtual T? TakeModel<T>()
        where T : class => null;

    /// <summary>The model <see cref="TakeModel{T}"/> would hand out, left in place: for reading a value of it.</summary>
    public virtual T? PeekModel<T>()
        where T : class => null;
}
