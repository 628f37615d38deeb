// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>
/// A Kubernetes API server on 127.0.0.1 speaking the shapes the audit uses: paged lists (<c>limit</c>,
/// <c>continue</c>, <c>metadata.resourceVersion</c>; items without apiVersion and kind), watches (JSON lines of
/// ADDED/MODIFIED/DELETED events from a resource version, ERROR 410 when it was compacted, ended by
/// <c>timeoutSeconds</c>), server-side apply of wgpolicyk8s.io reports, and Status answers for errors.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    private const string ReportsPrefix = "apis/wgpolicyk8s.io/v1alpha2/";

    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly List<(long Version, string Path, string Type, JsonObject Object)> _events = [];
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CancellationTokenSource _endWatches = new();
    private long _version = 1000;
    private long _compactedBefore;
    private int _watchesOpen;

    private FakeKubernetesApi(WebApplication app)
    {
        _app = app;
    }

    public string Url { get; private set; } = string.Empty;

    /// <summary>The most objects one list page holds, whatever limit the client asks (so paging is exercised).</summary>
    public int PageLimit { get; set; } = 2;

    /// <summary>False: the PolicyReport CRDs are not installed (report paths answer 404).</summary>
    public bool ReportsInstalled { get; set; } = true;

    /// <summary>Resource paths (<c>api/v1/pods</c>) whose list and watch answer 403.</summary>
    public HashSet<string> Forbidden { get; } = new(StringComparer.Ordinal);

    /// <summary>Reports applied, by <c>namespace/name</c> (<c>cluster/name</c> for ClusterPolicyReports).</summary>
    public ConcurrentDictionary<string, JsonObject> Reports { get; } = new(StringComparer.Ordinal);

    /// <summary>Every request: method, path and query.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>The Authorization header of every request.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new FakeKubernetesApi(app);
        app.Map("/{**path}", api.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        api.Url = AdmissionHostAddresses(app);
        return api;
    }

    /// <summary>A kubeconfig file pointing at this server with a bearer token.</summary>
    public string WriteKubeconfig(string directory, string token = "test-token")
    {
        var path = Path.Combine(directory, "kubeconfig");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            clusters:
              - name: fake
                cluster:
                  server: {Url}
            users:
              - name: tester
                user:
                  token: {token}
            contexts:
              - name: fake
                context:
                  cluster: fake
                  user: tester
            current-context: fake
            """);
        return path;
    }

    /// <summary>Adds (or replaces) an object of a resource (<c>api/v1/pods</c>), with a new resource version and a uid.</summary>
    public void Put(string resourcePath, JsonObject obj)
    {
        lock (_lock)
        {
            var metadata = obj["metadata"]?.AsObject() ?? throw new ArgumentException("no metadata", nameof(obj));
            var key = Key(obj);
            var exists = _objects.TryGetValue(resourcePath, out var objects) && objects.ContainsKey(key);
            metadata["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
            metadata["uid"] ??= "uid-" + key.Replace('/', '-');
            if (objects is null)
            {
                _objects[resourcePath] = objects = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            }

            objects[key] = obj;
            Record(resourcePath, exists ? "MODIFIED" : "ADDED", obj);
        }
    }

    public void Delete(string resourcePath, string? ns, string name)
    {
        lock (_lock)
        {
            if (_objects.TryGetValue(resourcePath, out var objects) && objects.Remove($"{ns}/{name}", out var removed))
            {
                removed["metadata"]!["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
                Record(resourcePath, "DELETED", removed);
            }
        }
    }

    /// <summary>Forgets the event history: watches from a version older than the current one get 410 Gone.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _compactedBefore = _version;
            _events.Clear();
        }
    }

    /// <summary>Ends every open watch (as the API server does at its timeout).</summary>
    public void EndWatches()
    {
        // Not disposed: a watch starting at this moment may still read the old source's token (then it ends at once).
        var previous = Interlocked.Exchange(ref _endWatches, new CancellationTokenSource());
        previous.Cancel();
    }

    /// <summary>Watches being served now.</summary>
    public int WatchesOpen => Volatile.Read(ref _watchesOpen);

    public async ValueTask DisposeAsync()
    {
        _endWatches.Cancel();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _endWatches.Dispose();
    }

    private static string AdmissionHostAddresses(WebApplication app) => PolicyLang.Hosts.Admission.AdmissionHost.Addresses(app).Single();

    private static string Key(JsonObject obj) => $"{obj["metadata"]?["namespace"]?.GetValue<string>()}/{obj["metadata"]?["name"]?.GetValue<string>()}";

    private void Record(string path, string type, JsonObject obj)
    {
        _events.Add((_version, path, type, obj.DeepClone().AsObject()));
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).SetResult();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = (request.Path.Value ?? string.Empty).TrimStart('/');
        Requests.Enqueue($"{request.Method} /{path}{request.QueryString}");
        Authorizations.Enqueue(request.Headers.Authorization.ToString());
        if (path.StartsWith(ReportsPrefix, StringComparison.Ordinal))
        {
            await ApplyReportAsync(context, path[ReportsPrefix.Length..]).ConfigureAwait(false);
            return;
        }

        if (request.Method != "GET" || !IsResourcePath(path))
        {
            await StatusAsync(context, 404, "NotFound", $"the server could not find the requested resource ({request.Method} /{path})").ConfigureAwait(false);
            return;
        }

        if (Forbidden.Contains(path))
        {
            var plural = path.Split('/')[^1];
            await StatusAsync(context, 403, "Forbidden", $"{plural} is forbidden: User \"system:serviceaccount:policylang-system:policylang-audit\" cannot list resource \"{plural}\" at the cluster scope").ConfigureAwait(false);
            return;
        }

        if (request.Query["watch"] == "true")
        {
            await WatchAsync(context, path).ConfigureAwait(false);
        }
        else
        {
            await ListAsync(context, path).ConfigureAwait(false);
        }
    }

    private static bool IsResourcePath(string path)
    {
        var parts = path.Split('/');
        return (parts.Length == 3 && parts[0] == "api") || (parts.Length == 4 && parts[0] == "apis");
    }

    private async Task ListAsync(HttpContext context, string path)
    {
        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"], CultureInfo.InvariantCulture, out var l) ? Math.Min(l, PageLimit) : PageLimit;
        var offset = query["continue"].ToString() is { Length: > 0 } token ? int.Parse(token.Split(':')[1], CultureInfo.InvariantCulture) : 0;
        JsonObject list;
        lock (_lock)
        {
            var all = _objects.TryGetValue(path, out var objects) ? objects.Values.ToList() : [];
            var items = new JsonArray();
            foreach (var item in all.Skip(offset).Take(limit))
            {
                // List items carry no apiVersion or kind, as from a real API server.
                var copy = item.DeepClone().AsObject();
                copy.Remove("apiVersion");
                copy.Remove("kind");
                items.Add(copy);
            }

            var metadata = new JsonObject { ["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture) };
            if (offset + limit < all.Count)
            {
                metadata["continue"] = "offset:" + (offset + limit).ToString(CultureInfo.InvariantCulture);
            }

            list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["metadata"] = metadata, ["items"] = items };
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(list.ToJsonString()).ConfigureAwait(false);
    }

    private async Task WatchAsync(HttpContext context, string path)
    {
        var query = context.Request.Query;
        var since = long.TryParse(query["resourceVersion"], CultureInfo.InvariantCulture, out var v) ? v : 0;
        var timeout = int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var t) ? t : 300;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync().ConfigureAwait(false);
        if (since < Volatile.Read(ref _compactedBefore))
        {
            var status = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure", ["message"] = $"too old resource version: {since} ({_compactedBefore})", ["reason"] = "Expired", ["code"] = 410 };
            await WriteLineAsync(context, new JsonObject { ["type"] = "ERROR", ["object"] = status }).ConfigureAwait(false);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _endWatches.Token);
        stop.CancelAfter(TimeSpan.FromSeconds(timeout));
        Interlocked.Increment(ref _watchesOpen);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                Task changed;
                List<(long Version, string Path, string Type, JsonObject Object)> due;
                lock (_lock)
                {
                    changed = _changed.Task;
                    due = _events.Where(e => e.Path == path && e.Version > since).ToList();
                }

                foreach (var (version, _, type, obj) in due)
                {
                    await WriteLineAsync(context, new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }).ConfigureAwait(false);
                    since = version;
                }

                await changed.WaitAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The watch ends: timeout, EndWatches, or the client went away.
        }
        catch (Exception e)
        {
            Requests.Enqueue("WATCH-ERROR " + e);
            throw;
        }
        finally
        {
            Interlocked.Decrement(ref _watchesOpen);
        }
    }

    private static async Task WriteLineAsync(HttpContext context, JsonObject line)
    {
        await context.Response.WriteAsync(line.ToJsonString() + "\n").ConfigureAwait(false);
        await context.Response.Body.FlushAsync().ConfigureAwait(false);
    }

    private async Task ApplyReportAsync(HttpContext context, string path)
    {
        var request = context.Request;
        if (!ReportsInstalled)
        {
            context.Response.StatusCode = 404;
            await context.Response.WriteAsync("404 page not found").ConfigureAwait(false);
            return;
        }

        var parts = path.Split('/');
        var key = parts switch
        {
            ["namespaces", var ns, "policyreports", var name] => $"{ns}/{name}",
            ["clusterpolicyreports", var name] => $"cluster/{name}",
            _ => null,
        };
        if (key is null || request.Method != "PATCH")
        {
            await StatusAsync(context, 405, "MethodNotAllowed", $"{request.Method} /{ReportsPrefix}{path} is not supported here").ConfigureAwait(false);
            return;
        }

        if (request.ContentType?.Split(';')[0] != "application/apply-patch+yaml" || request.Query["fieldManager"] != "policylang" || request.Query["force"] != "true")
        {
            await StatusAsync(context, 400, "BadRequest", $"expected a forced server-side apply by policylang, got {request.ContentType} {request.QueryString}").ConfigureAwait(false);
            return;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = JsonNode.Parse(await reader.ReadToEndAsync().ConfigureAwait(false))?.AsObject() ?? [];
        Reports[key] = body;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString()).ConfigureAwait(false);
    }

    private static async Task StatusAsync(HttpContext context, int code, string reason, string message)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        var status = new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code };
        await context.Response.WriteAsync(status.ToJsonString()).ConfigureAwait(false);
    }
}
