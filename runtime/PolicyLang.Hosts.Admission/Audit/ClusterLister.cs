// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using PolicyLang.Hosts.Admission.Admission;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>
/// Lists and watches cluster objects through KubernetesClient (its configuration, authentication and TLS), page by
/// page, as documents. List items carry no apiVersion and kind; they are added from the resource.
/// </summary>
public sealed class ClusterLister
{
    /// <summary>Objects asked for per page.</summary>
    public const int PageSize = 500;

    private readonly IKubernetes _client;

    public ClusterLister(IKubernetes client)
    {
        _client = client;
    }

    /// <summary>Every object of a resource in all namespaces, and the resource version to watch from.</summary>
    /// <exception cref="AuditException">The API server refused or failed the list.</exception>
    public async Task<ResourceList> ListAsync(AuditResource resource, CancellationToken cancellationToken)
    {
        var objects = new List<DocMap>();
        string? continueToken = null;
        string? resourceVersion = null;
        do
        {
            JsonElement page;
            try
            {
                using var response = await _client.CustomObjects.ListClusterCustomObjectWithHttpMessagesAsync(
                    resource.Group, resource.Version, resource.Plural, continueParameter: continueToken, limit: PageSize, cancellationToken: cancellationToken).ConfigureAwait(false);
                page = response.Body is JsonElement element ? element : JsonSerializer.SerializeToElement(response.Body);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                // The cluster does not serve this resource (an API group that is not installed).
                return new ResourceList(resource, [], null, Served: false);
            }
            catch (HttpOperationException e)
            {
                throw new AuditException($"listing {resource.ListPath}: the API server answered {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}: {StatusMessage(e.Response.Content)}", e);
            }
            catch (HttpRequestException e)
            {
                throw new AuditException($"listing {resource.ListPath}: cannot reach the API server: {e.Message}", e);
            }

            if (page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
            {
                throw new AuditException($"listing {resource.ListPath}: the answer is not a list (no items)");
            }

            foreach (var item in items.EnumerateArray())
            {
                objects.Add(ToDocument(item, resource));
            }

            var metadata = page.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            continueToken = Text(metadata, "continue");
            resourceVersion = Text(metadata, "resourceVersion") ?? resourceVersion;
        }
        while (!string.IsNullOrEmpty(continueToken));

        return new ResourceList(resource, objects, resourceVersion, Served: true);
    }

    /// <summary>
    /// Watches a resource from <paramref name="resourceVersion"/> until the API server ends the watch (after at most
    /// <paramref name="timeout"/>) or <paramref name="cancellationToken"/> is cancelled, calling
    /// <paramref name="onEvent"/> for each change. Returns the last resource version seen (bookmarks included).
    /// </summary>
    /// <exception cref="ResourceVersionExpiredException">The version is too old (410 Gone): list again.</exception>
    /// <exception cref="AuditException">The API server refused or failed the watch.</exception>
    public async Task<string> WatchAsync(AuditResource resource, string resourceVersion, TimeSpan timeout, Action<WatchEventType, DocMap> onEvent, CancellationToken cancellationToken)
    {
        var last = resourceVersion;
        Exception? streamError = null;
        var events = _client.CustomObjects.WatchListClusterCustomObjectAsync(
            resource.Group, resource.Version, resource.Plural, allowWatchBookmarks: true, resourceVersion: resourceVersion,
            timeoutSeconds: (int)Math.Max(1, timeout.TotalSeconds), onError: e => streamError = e, cancellationToken: cancellationToken);
        try
        {
            await foreach (var (type, body) in events.ConfigureAwait(false))
            {
                var item = body is JsonElement element ? element : JsonSerializer.SerializeToElement(body);
                if (type == WatchEventType.Error)
                {
                    var code = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                    if (code == (int)HttpStatusCode.Gone)
                    {
                        throw new ResourceVersionExpiredException($"watching {resource.ListPath}: resource version {last} is too old");
                    }

                    throw new AuditException($"watching {resource.ListPath}: the API server sent an error: {Text(item, "message") ?? item.GetRawText()}");
                }

                var metadata = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("metadata", out var m) ? m : default;
                last = Text(metadata, "resourceVersion") ?? last;
                if (type != WatchEventType.Bookmark)
                {
                    onEvent(type, ToDocument(item, resource));
                }
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Gone)
        {
            throw new ResourceVersionExpiredException($"watching {resource.ListPath}: resource version {last} is too old");
        }
        catch (HttpOperationException e)
        {
            throw new AuditException($"watching {resource.ListPath}: the API server answered {(int)e.Response.StatusCode} {e.Response.ReasonPhrase}: {StatusMessage(e.Response.Content)}", e);
        }
        catch (HttpRequestException e) when (e.InnerException is EndOfStreamException)
        {
            // KubernetesClient's way of saying a watch ended before its first event (nothing changed): a normal end.
            return last;
        }
        catch (HttpRequestException e)
        {
            throw new AuditException($"watching {resource.ListPath}: cannot reach the API server: {e.Message}{(e.InnerException is { } inner ? " (" + inner.Message + ")" : string.Empty)}", e);
        }

        if (streamError is KubernetesException { Status.Code: (int)HttpStatusCode.Gone })
        {
            throw new ResourceVersionExpiredException($"watching {resource.ListPath}: resource version {last} is too old");
        }

        if (streamError is not null && !cancellationToken.IsCancellationRequested)
        {
            throw new AuditException($"watching {resource.ListPath}: the watch stream broke: {streamError.Message}", streamError);
        }

        return last;
    }

    /// <summary>An object from the API server as a document, with apiVersion and kind set from its resource.</summary>
    public static DocMap ToDocument(JsonElement json, AuditResource resource)
    {
        var document = JsonBodyReader.Read(JsonSerializer.SerializeToUtf8Bytes(json)) as DocMap
            ?? throw new AuditException($"{resource.ListPath}: an item is not an object");
        if (document["apiVersion"] is DocScalar { IsNull: false } && document["kind"] is DocScalar { IsNull: false })
        {
            return document;
        }

        var entries = new List<DocEntry>(document.Count + 2)
        {
            new("apiVersion", new DocScalar(DocNodeKind.String, resource.ApiVersion, 0, 0), 0, 0),
            new("kind", new DocScalar(DocNodeKind.String, resource.Kind, 0, 0), 0, 0),
        };
        entries.AddRange(document.Entries.Where(e => e.Key is not ("apiVersion" or "kind")));
        return new DocMap(entries, document.Line, document.Column);
    }

    private static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The message of a Kubernetes Status body, else the body itself (shortened).</summary>
    internal static string StatusMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return "(no message)";
        }

        try
        {
            using var status = JsonDocument.Parse(body);
            if (Text(status.RootElement, "message") is { } message)
            {
                return message;
            }
        }
        catch (JsonException)
        {
            // Not a Status: show the text.
        }

        return body.Length > 300 ? body[..300] + "..." : body.Trim();
    }
}
