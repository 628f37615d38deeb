// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Documents;

/// <summary>A mapping node. Keys keep their own positions so that a finding can point at a key.</summary>
public sealed class DocMap : DocNode
{
    private readonly Dictionary<string, int> _index;

    public DocMap(IReadOnlyList<DocEntry> entries, int line, int column)
        : base(line, column)
    {
        Entries = entries;
        _index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            // Duplicate keys are rejected by the readers; the last one wins if a caller builds one anyway.
            _index[entries[i].Key] = i;
        }
    }

    public IReadOnlyList<DocEntry> Entries { get; }

    public override DocNodeKind Kind => DocNodeKind.Map;

    public int Count => Entries.Count;

    public DocNode? this[string key] => _index.TryGetValue(key, out var i) ? Entries[i].Value : null;

    public bool TryGetEntry(string key, out DocEntry entry)
    {
        if (_index.TryGetValue(key, out var i))
        {
            entry = Entries[i];
            return true;
        }

        entry = default;
        return false;
    }
}

/// <summary>One key/value pair of a <see cref="DocMap"/>, with the position of the key.</summary>
public readonly record struct DocEntry(string Key, DocNode Value, int KeyLine, int KeyColumn);
