// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Yaml;

/// <summary>A map or list under construction, kept on an explicit stack so that deep documents need no recursion.</summary>
internal sealed class BuildFrame
{
    public BuildFrame(bool isMap, int line, int column, string? anchor)
    {
        IsMap = isMap;
        Line = line;
        Column = column;
        Anchor = anchor;
    }

    public bool IsMap { get; }

    public int Line { get; }

    public int Column { get; }

    public string? Anchor { get; }

    public List<DocEntry> Entries { get; } = [];

    public List<DocNode> Items { get; } = [];

    /// <summary>Each key's line, to name the first occurrence of a duplicate.</summary>
    public Dictionary<string, int> KeyLines { get; } = new(StringComparer.Ordinal);

    /// <summary>Maps merged in with <c>&lt;&lt;</c>, in order of precedence.</summary>
    public List<DocMap> Merges { get; } = [];

    public string? PendingKey { get; set; }

    public int PendingKeyLine { get; set; }

    public int PendingKeyColumn { get; set; }

    public bool PendingKeyIsMerge { get; set; }

    /// <summary>The number of nodes in this node's tree, aliases expanded.</summary>
    public long Weight { get; set; } = 1;

    public DocNode Complete()
    {
        if (!IsMap)
        {
            return new DocList(Items.ToArray(), Line, Column);
        }

        foreach (var merged in Merges)
        {
            foreach (var entry in merged.Entries)
            {
                // Keys written in the map win over merged ones; earlier merged maps win over later ones.
                if (KeyLines.TryAdd(entry.Key, entry.KeyLine))
                {
                    Entries.Add(entry);
                }
            }
        }

        return new DocMap(Entries.ToArray(), Line, Column);
    }
}
