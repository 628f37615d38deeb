// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Documents;

/// <summary>A sequence node.</summary>
public sealed class DocList : DocNode
{
    private readonly DeferredChildren? _deferred;
    private IReadOnlyList<DocNode>? _items;

    public DocList(IReadOnlyList<DocNode> items, int line, int column)
        : base(line, column)
    {
        _items = items;
    }

    /// <summary>A list whose items are read on first use (see <see cref="DeferredChildren"/>).</summary>
    public DocList(DeferredChildren deferred, int line, int column)
        : base(line, column)
    {
        _deferred = deferred;
    }

    public IReadOnlyList<DocNode> Items => Volatile.Read(ref _items) ?? ReadDeferred();

    public override DocNodeKind Kind => DocNodeKind.List;

    public int Count => Items.Count;

    /// <summary>The list as JSON to bind typed models from, or empty (see <see cref="DeferredChildren.Utf8Json"/>).</summary>
    internal ReadOnlyMemory<byte> Utf8Json => _deferred?.Utf8Json ?? default;

    public DocNode this[int index] => Items[index];

    private IReadOnlyList<DocNode> ReadDeferred()
    {
        var read = _deferred?.ReadItems() ?? [];
        return Interlocked.CompareExchange(ref _items, read, null) ?? read;
    }
}
