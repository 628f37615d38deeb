// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using k8s;
using k8s.Models;
using PolicyLang.Runtime.Adapters.Binding;
using PolicyLang.Runtime.Adapters.Events;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters;

/// <summary>
/// Decides what subject each document is, and builds it. Without a forced kind: an AdmissionReview is an admission;
/// a <c>List</c> (or <c>*List</c> with <c>items</c>) is one manifest per item; an object with apiVersion and kind is a
/// manifest; a Falco alert or Tetragon event is an event; anything else is skipped with a notice.
/// With a forced kind every document is read as that kind, and what does not fit is an error.
/// </summary>
public sealed class SubjectReader
{
    public SubjectReader(SubjectKind? forcedKind = null)
    {
        if (forcedKind == SubjectKind.Workload)
        {
            throw new ArgumentOutOfRangeException(nameof(forcedKind), forcedKind, "Workload cannot be forced: workloads are read from manifests.");
        }

        ForcedKind = forcedKind;
    }

    /// <summary>The kind every document is read as, or null to detect it.</summary>
    public SubjectKind? ForcedKind { get; }

    /// <summary>The subjects (or messages) one document yields: usually one; a List yields one per item.</summary>
    public IEnumerable<InputItem> Read(DocumentResult document)
    {
        var source = document.Source;
        if (document.Root is null || document.Message is { Level: InputMessageLevel.Error })
        {
            var message = document.Message ?? new InputMessage(InputMessageLevel.Error, "the document could not be read", source.File, source.Document, source.Line);
            return [InputItem.ForMessage(message, message.Document is null ? null : source)];
        }

        if (document.Root is not DocMap root)
        {
            var found = document.Root is DocList ? "a list" : "a scalar";
            return ForcedKind is null
                ? [Message(InputMessageLevel.Notice, source, document.Root, $"skipped: the document is {found}, not a Kubernetes object")]
                : [Message(InputMessageLevel.Error, source, document.Root, $"expected a map (a JSON object) for {Describe(ForcedKind.Value)}, found {found}")];
        }

        return ForcedKind switch
        {
            SubjectKind.Manifest => [Manifest(root, source)],
            SubjectKind.Admission => ReadAdmission(root, source),
            SubjectKind.Image => Read(root, source, r => ImageMapper.Read(root, source, r), InputItem.ForImage),
            SubjectKind.Host => Read(root, source, r => HostFactsMapper.Read(root, source, r), InputItem.ForHost),
            SubjectKind.Event => ReadEvent(root, source),
            _ => Detect(root, source),
        };
    }

    private static IEnumerable<InputItem> Detect(DocMap root, SourceDocument source)
    {
        if (IsBoundManifest(root))
        {
            return [InputItem.ForManifest(new ManifestSubject(root, source))];
        }

        if (AdmissionMapper.IsAdmissionReview(root))
        {
            return ReadAdmission(root, source);
        }

        if (IsList(root))
        {
            return ReadList(root, source);
        }

        if (OwnDocumentKind(root) is { } own)
        {
            return own switch
            {
                SubjectKind.Image => Read(root, source, r => ImageMapper.Read(root, source, r), InputItem.ForImage),
                SubjectKind.Host => Read(root, source, r => HostFactsMapper.Read(root, source, r), InputItem.ForHost),
                _ => ReadEvent(root, source),
            };
        }

        if (HasApiVersionAndKind(root))
        {
            return [Manifest(root, source)];
        }

        if (EventMapper.IsSensorEvent(root))
        {
            return ReadEvent(root, source);
        }

        return [Message(InputMessageLevel.Notice, source, root, "skipped: no apiVersion/kind: not a Kubernetes object (use --subject to read it as an image, event or host)")];
    }

    /// <summary>PolicyLang's own documents name themselves: <c>apiVersion: policylang.io/v1</c> and kind Image, RuntimeEvent or HostFacts.</summary>
    private static SubjectKind? OwnDocumentKind(DocMap map) =>
        (map["apiVersion"] as DocScalar)?.Text != OwnApiVersion ? null : (map["kind"] as DocScalar)?.Text switch
        {
            "Image" => SubjectKind.Image,
            "RuntimeEvent" => SubjectKind.Event,
            "HostFacts" => SubjectKind.Host,
            _ => null,
        };

    /// <summary>The apiVersion of PolicyLang's own input documents.</summary>
    public const string OwnApiVersion = "policylang.io/v1";

    private static bool HasApiVersionAndKind(DocMap map) =>
        map["apiVersion"] is DocScalar { Kind: DocNodeKind.String } && map["kind"] is DocScalar { Kind: DocNodeKind.String };

    // kind: List, and the typed lists (PodList, DeploymentList, …) that kubectl get -o yaml writes.
    private static bool IsList(DocMap map) =>
        HasApiVersionAndKind(map)
        && (map["kind"] as DocScalar)?.Text is { } kind
        && (kind == "List" || (kind.EndsWith("List", StringComparison.Ordinal) && map["items"] is DocList));

    private static IEnumerable<InputItem> ReadList(DocMap root, SourceDocument source)
    {
        // Lists can hold lists: walk depth first in document order with an explicit stack, not recursion.
        var pending = new Stack<(DocList Items, int Next, string Path)>();
        if (ItemsOf(root, string.Empty, source, out var error) is { } rootItems)
        {
            pending.Push((rootItems, 0, string.Empty));
        }
        else if (error is not null)
        {
            yield return error;
        }

        while (pending.Count > 0)
        {
            var (items, next, path) = pending.Pop();
            if (next >= items.Count)
            {
                continue;
            }

            pending.Push((items, next + 1, path));
            var itemPath = path + "/items/" + next.ToString(CultureInfo.InvariantCulture);
            var itemSource = source with { Line = items[next].Line };
            if (items[next] is not DocMap item)
            {
                yield return Message(InputMessageLevel.Error, itemSource, items[next], $"{itemPath}: a List item must be an object");
            }
            else if (IsList(item))
            {
                if (ItemsOf(item, itemPath, itemSource, out var nestedError) is { } nested)
                {
                    pending.Push((nested, 0, itemPath));
                }
                else if (nestedError is not null)
                {
                    yield return nestedError;
                }
            }
            else if (HasApiVersionAndKind(item))
            {
                // The item's tree is its own root: paths are relative to the item, positions stay true file positions.
                yield return Manifest(item, itemSource);
            }
            else
            {
                yield return Message(InputMessageLevel.Notice, itemSource, item, $"skipped {itemPath}: no apiVersion/kind: not a Kubernetes object");
            }
        }
    }

    private static DocList? ItemsOf(DocMap list, string path, SourceDocument source, out InputItem? error)
    {
        error = list["items"] is { } items and not DocList and not DocScalar { IsNull: true }
            ? Message(InputMessageLevel.Error, source, items, $"{path}/items: expected a list of objects")
            : null;
        return list["items"] as DocList;
    }

    private static IEnumerable<InputItem> ReadAdmission(DocMap root, SourceDocument source) =>
        Read(root, source, r => AdmissionMapper.Read(root, source, r), InputItem.ForAdmission);

    private static IEnumerable<InputItem> ReadEvent(DocMap root, SourceDocument source)
    {
        var reader = new FieldReader(source);
        var runtimeEvent = EventMapper.Read(root, source, reader, out var skipped);
        var items = InOrder(reader.Messages, source);
        if (skipped is not null)
        {
            items.Add(Message(InputMessageLevel.Notice, source, root, "skipped: " + skipped));
        }
        else if (runtimeEvent is not null)
        {
            items.Add(InputItem.ForEvent(runtimeEvent));
        }

        return items;
    }

    private static IEnumerable<InputItem> Read<T>(DocMap root, SourceDocument source, Func<FieldReader, T?> read, Func<T, InputItem> wrap)
        where T : class
    {
        var reader = new FieldReader(source);
        var subject = read(reader);
        var items = InOrder(reader.Messages, source);
        if (subject is not null && !reader.HasErrors)
        {
            items.Add(wrap(subject));
        }

        return items;
    }

    // Messages in file order, whatever order a mapper reads fields in.
    private static List<InputItem> InOrder(List<InputMessage> messages, SourceDocument source) =>
        messages.Count == 0 ? new List<InputItem>(1) : messages.OrderBy(m => m.Line).ThenBy(m => m.Column).Select(m => InputItem.ForMessage(m, source)).ToList();

    /// <summary>
    /// A manifest, or an error when its <c>metadata</c> is not a map: without it the object has no name, namespace or
    /// labels, and the API server would refuse it.
    /// </summary>
    private static InputItem Manifest(DocMap root, SourceDocument source) =>
        !IsBoundManifest(root) && root["metadata"] is { } metadata and not DocMap and not DocScalar { Kind: DocNodeKind.Null }
            ? Message(InputMessageLevel.Error, source, metadata, $"metadata must be a map (name, namespace, labels…), found {(metadata is DocList ? "a list" : "a scalar")}")
            : InputItem.ForManifest(new ManifestSubject(root, source));

    /// <summary>
    /// A core pod controller's manifest the reader bound whole (<c>Json.JsonBoundManifest</c>): its apiVersion and kind are
    /// strings of such a controller and its metadata a map or null, so it is a manifest, known without building its tree.
    /// </summary>
    private static bool IsBoundManifest(DocMap root) => root.PeekModel<IKubernetesObject<V1ObjectMeta>>() is not null;

    private static InputItem Message(InputMessageLevel level, SourceDocument source, DocNode? at, string text) =>
        InputItem.ForMessage(new InputMessage(level, text, source.File, source.Document, at?.Line ?? source.Line, at?.Column ?? 0), source);

    private static string Describe(SubjectKind kind) => kind switch
    {
        SubjectKind.Admission => "an AdmissionReview",
        SubjectKind.Image => "an image",
        SubjectKind.Event => "an event",
        SubjectKind.Host => "host facts",
        _ => "a manifest",
    };
}
