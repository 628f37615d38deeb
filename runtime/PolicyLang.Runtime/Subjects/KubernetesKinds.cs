// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Frozen;
using System.Reflection;
using k8s;
using k8s.Models;

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// The Kubernetes kinds known from the KubernetesClient models: (apiVersion, kind) to model type, and
/// a preferred model type per kind name (the stable version, core group first).
/// </summary>
public static class KubernetesKinds
{
    private static readonly FrozenDictionary<string, Type> ByApiVersionAndKind;
    private static readonly FrozenDictionary<string, Type> ByKind;

    static KubernetesKinds()
    {
        var byApiVersionAndKind = new Dictionary<string, Type>(StringComparer.Ordinal);
        var candidates = new Dictionary<string, List<(KubernetesEntityAttribute Entity, Type Type)>>(StringComparer.Ordinal);
        foreach (var type in typeof(V1Pod).Assembly.GetExportedTypes())
        {
            var entity = type.GetCustomAttribute<KubernetesEntityAttribute>();
            if (entity is null || type.Name.EndsWith("List", StringComparison.Ordinal) || !typeof(IKubernetesObject).IsAssignableFrom(type))
            {
                continue;
            }

            byApiVersionAndKind[Key(ApiVersionOf(entity), entity.Kind)] = type;
            if (!candidates.TryGetValue(entity.Kind, out var list))
            {
                candidates[entity.Kind] = list = [];
            }

            list.Add((entity, type));
        }

        ByApiVersionAndKind = byApiVersionAndKind.ToFrozenDictionary(StringComparer.Ordinal);
        ByKind = candidates.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.OrderBy(c => Rank(c.Entity)).First().Type,
            StringComparer.Ordinal);
    }

    /// <summary>All kind names with a model.</summary>
    public static IEnumerable<string> KindNames => ByKind.Keys;

    /// <summary>The model type for an object's apiVersion and kind, or null (CRDs, unknown versions).</summary>
    public static Type? Find(string? apiVersion, string? kind) =>
        apiVersion is null || kind is null ? null : ByApiVersionAndKind.GetValueOrDefault(Key(apiVersion, kind));

    /// <summary>The preferred model for a kind name (e.g. <c>Deployment</c> is apps/v1), or null.</summary>
    public static Type? FindByKind(string kind) => ByKind.GetValueOrDefault(kind);

    /// <summary>The apiVersion and kind a model type stands for, or null when it is not a top-level kind.</summary>
    public static (string ApiVersion, string Kind)? Describe(Type modelType)
    {
        var entity = modelType.GetCustomAttribute<KubernetesEntityAttribute>();
        return entity is null ? null : (ApiVersionOf(entity), entity.Kind);
    }

    private static string ApiVersionOf(KubernetesEntityAttribute entity) =>
        string.IsNullOrEmpty(entity.Group) ? entity.ApiVersion : $"{entity.Group}/{entity.ApiVersion}";

    private static string Key(string apiVersion, string kind) => apiVersion + "\n" + kind;

    // Stable versions before beta before alpha; the core group first, then well-known groups.
    private static (int, int, string) Rank(KubernetesEntityAttribute entity)
    {
        var version = entity.ApiVersion;
        var stability = version.Contains("alpha", StringComparison.Ordinal) ? 2 : version.Contains("beta", StringComparison.Ordinal) ? 1 : 0;
        var group = string.IsNullOrEmpty(entity.Group) ? 0 : entity.Group.EndsWith(".k8s.io", StringComparison.Ordinal) || !entity.Group.Contains('.', StringComparison.Ordinal) ? 1 : 2;
        return (stability, group, version);
    }
}
