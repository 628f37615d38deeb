// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Documents;

/// <summary>
/// A node of a parsed YAML or JSON document, with the position where it starts in its source.
/// Documents are immutable once built; dynamic (schema-less) navigation in compiled policies reads them.
/// </summary>
public abstract class DocNode
{
    protected DocNode(int line, int column)
    {
        Line = line;
        Column = column;
    }

    /// <summary>1-based line of the node's first character, or 0 when the node has no source.</summary>
    public int Line { get; }

    /// <summary>1-based column of the node's first character, or 0 when the node has no source.</summary>
    public int Column { get; }

    public abstract DocNodeKind Kind { get; }
}

public enum DocNodeKind
{
    Map,
    List,
    String,
    Integer,
    Float,
    Boolean,
    Null,
}
