// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Documents;

/// <summary>A sequence node.</summary>
public sealed class DocList : DocNode
{
    public DocList(IReadOnlyList<DocNode> items, int line, int column)
        : base(line, column)
    {
        Items = items;
    }

    public IReadOnlyList<DocNode> Items { get; }

    public override DocNodeKind Kind => DocNodeKind.List;

    public int Count => Items.Count;

    public DocNode this[int index] => Items[index];
}
