// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using PolicyLang.Hosts.Admission.Admission;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>
/// Lists cluster objects through the KubernetesClient connection (its authentication, TLS and base address), page by
/// page, as documents with positions. List items carry no apiVersion and kind; they are added from the resource.
/// </summary>
public sealed class ClusterLister
{
    private const int PageSize = 500;

    private readonly IKubernetes _client;

    public ClusterLister(IKubernetes client)
    {
        _client = client;
    }

    /// <summary>Every object of a resource, all namespaces. A resource the cluster does not serve (404) is empty.</summary>
    /// <exception cref="HttpRequestException">The API server refused or failed the list.</exception>
    public async Task<IReadOnlyList<DocMap>> ListAsync(AuditResource resource, CancellationToken cancellationToken)
    {
        var objects = new List<DocMap>();
        string? continueToken = null;
        var baseAddress = _client.BaseUri.ToString().TrimEnd('/');
        var http = ((Kubernetes)_client).HttpClient;
        do
        {
            var query = $"?limit={PageSize.ToString(CultureInfo.InvariantCulture)}" + (continueToken is null ? string.Empty : "&continue=" + Uri.EscapeDataString(continueToken));
            using var response = await http.GetAsync(new Uri(baseAddress + "/" + resource.ListPath + query), cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return objects;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"listing {resource.ListPath}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)}", null, response.StatusCode);
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            DocNode list;
            try
            {
                list = JsonBodyReader.Read(body);
            }
            catch (JsonException e)
            {
                throw new HttpRequestException($"listing {resource.ListPath}: the answer is not JSON: {e.Message}", e);
            }

            if (list is DocMap { } map && map["items"] is DocList items)
            {
                foreach (var item in items.Items.OfType<DocMap>())
                {
                    objects.Add(WithType(item, resource));
                }

                continueToken = ((map["metadata"] as DocMap)?["continue"] as DocScalar)?.AsString();
            }
            else
            {
                continueToken = null;
            }
        }
        while (!string.IsNullOrEmpty(continueToken));

        return objects;
    }

    private static DocMap WithType(DocMap item, AuditResource resource)
    {
        if (item["apiVersion"] is not null && item["kind"] is not null)
        {
            return item;
        }

        var entries = new List<DocEntry>(item.Count + 2)
        {
            new("apiVersion", new DocScalar(DocNodeKind.String, resource.ApiVersion, 0, 0), 0, 0),
            new("kind", new DocScalar(DocNodeKind.String, resource.Kind, 0, 0), 0, 0),
        };
        entries.AddRange(item.Entries.Where(e => e.Key is not ("apiVersion" or "kind")));
        return new DocMap(entries, item.Line, item.Column);
    }
}
