// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>
/// The cluster's objects as last listed and watched, by resource. Thread-safe: watches update it while audits read
/// snapshots. <see cref="Version"/> changes with every change, so an audit runs only when something did.
/// </summary>
public sealed class ClusterCache
{
    private readonly Lock _lock = new();
    private readonly Dictionary<AuditResource, Dictionary<string, DocMap>> _objects = [];
    private long _version;

    /// <summary>Counts changes (lists and watch events).</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Replaces every object of a resource with a fresh list.</summary>
    public void Replace(ResourceList list)
    {
        var objects = new Dictionary<string, DocMap>(StringComparer.Ordinal);
        foreach (var item in list.Objects)
        {
            objects[Key(item)] = item;
        }

        lock (_lock)
        {
            _objects[list.Resource] = objects;
            _version++;
        }
    }

    /// <summary>Applies one watch event.</summary>
    public void Apply(AuditResource resource, WatchEventType type, DocMap item)
    {
        lock (_lock)
        {
            if (!_objects.TryGetValue(resource, out var objects))
            {
                _objects[resource] = objects = new Dictionary<string, DocMap>(StringComparer.Ordinal);
            }

            if (type == WatchEventType.Deleted)
            {
                objects.Remove(Key(item));
            }
            else
            {
                objects[Key(item)] = item;
            }

            _version++;
        }
    }

    /// <summary>Every object now, in a stable order (resource, namespace, name).</summary>
    public IReadOnlyList<DocMap> Snapshot()
    {
        lock (_lock)
        {
            return _objects.OrderBy(r => r.Key.ListPath, StringComparer.Ordinal)
                .SelectMany(r => r.Value.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => o.Value))
                .ToArray();
        }
    }

    private static string Key(DocMap item)
    {
        var metadata = item["metadata"] as DocMap;
        return $"{(metadata?["namespace"] as DocScalar)?.AsString()}/{(metadata?["name"] as DocScalar)?.AsString()}";
    }
}
