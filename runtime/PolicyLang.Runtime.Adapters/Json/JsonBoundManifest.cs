// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using System.Text.Json;
using k8s;
using k8s.Models;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters.Json;

/// <summary>
/// Reads a manifest of a core pod controller (a Pod, Deployment, Job… of <c>v1</c>, <c>apps/v1</c> or <c>batch/v1</c>,
/// naming its <c>apiVersion</c> and <c>kind</c> first) in one pass: its text is bound whole to the KubernetesClient
/// model with strict settings (<see cref="StrictModelOptions"/>), which refuse everything the check of
/// <see cref="JsonTape"/> refuses or that would bind differently. The root's tree is made only when something reads it
/// (a finding's position, a dynamic field), from the tape of the same text. Whatever the strict binding refuses is read
/// the usual way, so the outcome is the same.
/// </summary>
internal static class JsonBoundManifest
{
    // The nesting limit must leave room for the deepest model (a CronJob's pod template, below 50 levels).
    private const int MinDepth = 128;

    // The kinds with a pod spec, each at the version its model is of.
    private static readonly Dictionary<(string ApiVersion, string Kind), Func<byte[], IKubernetesObject<V1ObjectMeta>?>> Binders =
        PodController.All.ToDictionary(c => (c.ApiVersion, c.Kind), c => Binder(c.Model));

    /// <summary>The root of a manifest bound whole, or null to read the text the usual way.</summary>
    public static DocMap? TryRead(byte[] bytes, JsonPositions positions, DocumentReaderOptions options)
    {
        if (options.MaxDepth < MinDepth || bytes.Length > options.MaxScalarLength || Head(bytes) is not { } head
            || !Binders.TryGetValue((head.ApiVersion, head.Kind), out var bind))
        {
            return null;
        }

        IKubernetesObject<V1ObjectMeta>? model;
        try
        {
            model = bind(bytes);
        }
#pragma warning disable CA1031 // Any failure of the strict binding (a converter's own exception included) means: read the text the usual way, which reproduces it.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }

        if (model is null)
        {
            return null;
        }

        var (line, column) = positions.Of(head.Start);
        return new DocMap(new BoundRoot(bytes, positions, options, model), line, column);
    }

    /// <summary>Where the root object starts, and its apiVersion and kind when they are its first two keys (plain strings); null otherwise.</summary>
    private static (int Start, string ApiVersion, string Kind)? Head(byte[] bytes)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            var start = (int)reader.TokenStartIndex;
            string? apiVersion = null;
            string? kind = null;
            for (var i = 0; i < 2; i++)
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || reader.ValueIsEscaped)
                {
                    return null;
                }

                var isKind = reader.ValueTextEquals("kind"u8);
                if (!isKind && !reader.ValueTextEquals("apiVersion"u8))
                {
                    return null;
                }

                if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                {
                    return null;
                }

                if (isKind)
                {
                    kind = reader.GetString();
                }
                else
                {
                    apiVersion = reader.GetString();
                }
            }

            return apiVersion is null || kind is null ? null : (start, apiVersion, kind);
        }
        catch (JsonException)
        {
            return null; // broken JSON: the usual path gives the message
        }
    }

    // Made for the model's own type (the serializer's typed entry point, as KubernetesJson takes it).
    private static Func<byte[], IKubernetesObject<V1ObjectMeta>?> Binder(Type model) =>
        (typeof(JsonBoundManifest).GetMethod(nameof(TypedBinder), BindingFlags.NonPublic | BindingFlags.Static)?.MakeGenericMethod(model).Invoke(null, null)
            as Func<byte[], IKubernetesObject<V1ObjectMeta>?>) ?? throw new InvalidOperationException($"no binder for {model.Name}");

    private static Func<byte[], IKubernetesObject<V1ObjectMeta>?> TypedBinder<T>()
        where T : class, IKubernetesObject<V1ObjectMeta> => bytes => JsonSerializer.Deserialize(bytes, StrictModelOptions.For<T>());

    /// <summary>The root's entries, from the text's tape when first read; the bound model, handed out once.</summary>
    private sealed class BoundRoot(byte[] bytes, JsonPositions positions, DocumentReaderOptions options, IKubernetesObject<V1ObjectMeta> model) : DeferredChildren
    {
        private object? _model = model;
        private IReadOnlyList<DocEntry>? _entries;

        // Every number writes back unchanged (the strict settings refused any other): typed models may bind from the text.
        public override ReadOnlyMemory<byte> Utf8Json => bytes;

        public override T? TakeModel<T>()
            where T : class => Volatile.Read(ref _model) is T ? Interlocked.Exchange(ref _model, null) as T : null;

        public override T? PeekModel<T>()
            where T : class => Volatile.Read(ref _model) as T;

        public override IReadOnlyList<DocEntry> ReadEntries()
        {
            if (Volatile.Read(ref _entries) is { } entries)
            {
                return entries;
            }

            // The strict binding refused everything the tape refuses: the text reads as a JSON object.
            var tape = JsonTape.TryRead(bytes, options) ?? throw new InvalidOperationException("a manifest bound from its text did not read as JSON");
            var root = JsonTapeChildren.Root(tape, positions) as DocMap ?? throw new InvalidOperationException("a manifest bound from its text is not a JSON object");
            return _entries = root.Entries;
        }

        public override IReadOnlyList<DocNode> ReadItems() => throw new InvalidOperationException("a manifest is a map");
    }
}
