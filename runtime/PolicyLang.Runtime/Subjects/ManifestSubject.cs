// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// A Kubernetes object (any kind, built-in or CRD). Policies see <c>apiVersion</c>, <c>kind</c> and a typed
/// <c>metadata</c>; other fields are typed when the rule's scope names one kind, dynamic otherwise.
/// </summary>
[DynamicMembers]
public sealed class ManifestSubject
{
    private readonly Lock _typedLock = new();
    private object? _typed;
    private V1ObjectMeta? _metadata;

    // The object's Workload once read (NoWorkload when it has none): the engine's workload rules and the inventory's
    // cross-object rules share one binding of the pod template.
    private object? _workload;

    // The object bound whole by the reader while it checked the text (a core pod controller), or null: its parts are then
    // this subject's metadata and pod template, and its tree is built only if something reads it.
    private readonly IKubernetesObject<V1ObjectMeta>? _bound;

    public ManifestSubject(DocMap root, SourceDocument source)
    {
        Root = root;
        Source = source;
        _bound = root.TakeModel<IKubernetesObject<V1ObjectMeta>>();
        if (_bound is { } whole)
        {
            // The model's strings are the nodes' texts (a value of another type would not have bound).
            ApiVersion = whole.ApiVersion;
            Kind = whole.Kind;
            Name = whole.Metadata?.Name;
            Namespace = whole.Metadata?.NamespaceProperty;
            return;
        }

        ApiVersion = (root["apiVersion"] as DocScalar)?.AsString();
        Kind = (root["kind"] as DocScalar)?.AsString();
        var metadata = root["metadata"] as DocMap;
        if (metadata?.PeekModel<V1ObjectMeta>() is { } bound)
        {
            // Bound while the text was checked: its strings are the nodes' texts, and its tree need not be built for them.
            Name = bound.Name;
            Namespace = bound.NamespaceProperty;
        }
        else
        {
            Name = (metadata?["name"] as DocScalar)?.AsString();
            Namespace = (metadata?["namespace"] as DocScalar)?.AsString();
        }
    }

    /// <summary>The document the object was read from.</summary>
    [HiddenFromPolicies]
    public DocMap Root { get; }

    [HiddenFromPolicies]
    public SourceDocument Source { get; }

    /// <summary>The object's API group and version, e.g. <c>apps/v1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string? ApiVersion { get; }

    /// <summary>The object's kind, e.g. <c>Deployment</c>.</summary>
    [JsonPropertyName("kind")]
    public string? Kind { get; }

    /// <summary>Standard object metadata: name, namespace, labels, annotations, owner references.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata => _metadata ??= ReadMetadata();

    /// <summary>True once <see cref="Metadata"/> has been bound (reading it then cannot fail).</summary>
    internal bool MetadataBound => _metadata is not null;

    [HiddenFromPolicies]
    public string? Name { get; }

    [HiddenFromPolicies]
    public string? Namespace { get; }

    /// <summary>The workload read from this object before, or null when it has not been read.</summary>
    internal object? CachedWorkload
    {
        get => Volatile.Read(ref _workload);
        set => Volatile.Write(ref _workload, value);
    }

    /// <summary>A top-level field read dynamically (absent: null).</summary>
    public DocNode? Get(string field) => Root[field];

    /// <summary>
    /// The object bound to its KubernetesClient model. Bound once and cached (a subject is typed as one model).
    /// </summary>
    /// <exception cref="SubjectConversionException">The document does not fit the model.</exception>
    public T As<T>()
        where T : class
    {
        if (_typed is T cached)
        {
            return cached;
        }

        lock (_typedLock)
        {
            if (_typed is T again)
            {
                return again;
            }

            var typed = Bind<T>(Root, string.Empty);
            _typed = typed;
            return typed;
        }
    }

    /// <summary>Binds a part of a document to a model, reporting the place of a mismatch as a JSON pointer.</summary>
    public static T Bind<T>(DocNode node, string basePointer)
        where T : class
    {
        if (node is DocMap premade && premade.TakeModel<T>() is { } model)
        {
            return model; // bound from the node's own text while the reader checked it (the same model as below)
        }

        try
        {
            // Through UTF-8 bytes rather than a JSON node tree: binding is most of the cost of evaluating a manifest. A node
            // read from valid JSON binds from its own text, which gives the same model (DeferredChildren.Utf8Json).
            var text = node switch
            {
                DocMap map => map.Utf8Json,
                DocList list => list.Utf8Json,
                _ => default,
            };
            var typed = text.IsEmpty ? BindWritten<T>(node) : JsonSerializer.Deserialize(text.Span, TypeInfo<T>.Value);
            return typed ?? throw new SubjectConversionException("the document is empty", basePointer);
        }
        catch (JsonException e)
        {
            var pointer = basePointer + JsonPointer.FromJsonPath(e.Path);
            throw new SubjectConversionException($"{(pointer.Length == 0 ? "/" : pointer)}: the value does not have the type the {SchemaName(typeof(T))} schema expects", pointer, e);
        }
        catch (FormatException e)
        {
            throw new SubjectConversionException($"{(basePointer.Length == 0 ? "/" : basePointer)}: {e.Message}", basePointer, e);
        }
    }

    private static T? BindWritten<T>(DocNode node)
    {
        using var json = new MemoryStream(DocJson.ToUtf8(node), writable: false);
        return JsonSerializer.Deserialize(json, TypeInfo<T>.Value);
    }

    // V1Container is "Container", V2HorizontalPodAutoscaler "HorizontalPodAutoscaler".
    private static string SchemaName(Type type) =>
        System.Text.RegularExpressions.Regex.Replace(type.Name, @"^V\d+((alpha|beta)\d+)?(?=[A-Z])", string.Empty, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    /// <summary>The object the reader bound whole, or null (see <see cref="_bound"/>): read its parts, not the tree.</summary>
    internal IKubernetesObject<V1ObjectMeta>? BoundObject => _bound;

    private V1ObjectMeta ReadMetadata() =>
        _bound is { } whole ? whole.Metadata ?? new V1ObjectMeta()
        : Root["metadata"] is DocMap metadata ? Bind<V1ObjectMeta>(metadata, "/metadata") : new V1ObjectMeta();

    /// <summary>
    /// KubernetesClient's serializer settings for one model, as <see cref="KubernetesJson.Deserialize{TValue}(Stream, JsonSerializerOptions)"/>
    /// uses them, with quantities written the common way made directly (the same quantities: <see cref="SimpleQuantityConverter"/>).
    /// </summary>
    private static class TypeInfo<T>
    {
        public static readonly JsonTypeInfo<T> Value = (JsonTypeInfo<T>)KubernetesOptions.Value.GetTypeInfo(typeof(T));
    }

    private static class KubernetesOptions
    {
        public static readonly JsonSerializerOptions Value = Read();

        private static JsonSerializerOptions Read()
        {
            // KubernetesJson keeps its options private; AddJsonOptions hands them to the callback (changing nothing here).
            JsonSerializerOptions? options = null;
            KubernetesJson.AddJsonOptions(o => options = o);
            var usual = options ?? throw new InvalidOperationException("KubernetesJson gave no serializer options");
            var bound = new JsonSerializerOptions(usual);
            bound.Converters.Insert(0, new SimpleQuantityConverter((JsonConverter<ResourceQuantity>)usual.GetConverter(typeof(ResourceQuantity))));
            return bound;
        }
    }
}
