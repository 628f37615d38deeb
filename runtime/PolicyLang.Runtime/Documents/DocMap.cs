// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Documents;

/// <summary>A mapping node. Keys keep their own positions so that a finding can point at a key.</summary>
public sealed class DocMap : DocNode
{
    // Most maps of a manifest have a handful of keys: a scan of them is cheaper than building a dictionary per map.
    private const int ScanLimit = 8;

    private readonly DeferredChildren? _deferred;
    private IReadOnlyList<DocEntry>? _entries;
    private Dictionary<string, int>? _index;

    public DocMap(IReadOnlyList<DocEntry> entries, int line, int column)
        : base(line, column)
    {
        _entries = entries;
    }

    /// <summary>A map whose entries are read on first use (see <see cref="DeferredChildren"/>).</summary>
    public DocMap(DeferredChildren deferred, int line, int column)
        : base(line, column)
    {
        _deferred = deferred;
    }

    public IReadOnlyList<DocEntry> Entries => Volatile.Read(ref _entries) ?? ReadDeferred();

    public override DocNodeKind Kind => DocNodeKind.Map;

    public int Count => Entries.Count;

    /// <summary>The map as JSON to bind typed models from, or empty (see <see cref="DeferredChildren.Utf8Json"/>).</summary>
    internal ReadOnlyMemory<byte> Utf8Json => _deferred?.Utf8Json ?? default;

    /// <summary>The model the reader bound from this map's text, once (see <see cref="DeferredChildren.TakeModel{T}"/>).</summary>
    public T? TakeModel<T>()
        where T : class => _deferred?.TakeModel<T>();

    /// <summary>The model the reader bound from this map's text, left in place (see <see cref="DeferredChildren.PeekModel{T}"/>).</summary>
    public T? PeekModel<T>()
        where T : class => _deferred?.PeekModel<T>();

    public DocNode? this[string key] => IndexOf(key) is var i and >= 0 ? Entries[i].Value : null;

    public bool TryGetEntry(string key, out DocEntry entry)
    {
        if (IndexOf(key) is var i and >= 0)
        {
            entry = Entries[i];
            return true;
        }

        entry = default;
        return false;
    }

    private int IndexOf(string key)
    {
        var entries = Entries;
        if (entries.Count <= ScanLimit)
        {
            // From the end: duplicate keys are rejected by the readers; the last one wins if a caller builds one anyway.
            for (var i = entries.Count - 1; i >= 0; i--)
            {
                if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
                {
                    return i;
                }
            }

            return -1;
        }

        var index = Volatile.Read(ref _index) ?? BuildIndex(entries);
        return index.TryGetValue(key, out var at) ? at : -1;
    }

    private Dictionary<string, int> BuildIndex(IReadOnlyList<DocEntry> entries)
    {
        var index = new Dictionary<string, int>(entries.Count, StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            index[entries[i].Key] = i;
        }

        // Published whole: readers on other threads see either no index or a complete one.
        return Interlocked.CompareExchange(ref _index, index, null) ?? index;
    }

    private IReadOnlyList<DocEntry> ReadDeferred()
    {
        var read = _deferred?.ReadEntries() ?? [];
        return Interlocked.CompareExchange(ref _entries, read, null) ?? read;
    }
}

/// <summary>One key/value pair of a <see cref="DocMap"/>, with the position of the key.</summary>
public readonly record struct DocEntry(string Key, DocNode Value, int KeyLine, int KeyColumn);
