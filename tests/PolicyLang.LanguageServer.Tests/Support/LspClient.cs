// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Text.Json;
using Nerdbank.Streams;
using PolicyLang.LanguageServer.Features.Commands;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>
/// A language client connected to an in-process server over real JSON-RPC streams (a full-duplex pipe pair):
/// requests and notifications are framed, serialized and dispatched exactly as over stdio.
/// </summary>
internal sealed class LspClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly JsonRpc _rpc;
    private readonly ConcurrentDictionary<string, PublishDiagnosticsParams> _diagnostics = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<PublishDiagnosticsParams> _published = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly CancellationTokenSource _stop = new();

    private LspClient(JsonRpc rpc, Task<int> server, StringWriter log)
    {
        _rpc = rpc;
        Server = server;
        Log = log;
    }

    public Task<int> Server { get; }

    /// <summary>What the server wrote to its log (its stderr).</summary>
    public StringWriter Log { get; }

    public List<LogMessageParams> LogMessages { get; } = [];

    /// <summary>Every publishDiagnostics the server sent, in order.</summary>
    public IReadOnlyCollection<PublishDiagnosticsParams> Published => _published;

    public static async Task<LspClient> StartAsync(string? rootUri = null, IPolicyTools? tools = null, bool initialize = true, TimeSpan? diagnosticsDelay = null)
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        var log = new StringWriter();
        var options = new ServerOptions { Log = log, Tools = tools, DiagnosticsDelay = diagnosticsDelay ?? TimeSpan.FromMilliseconds(10) };
        var server = Task.Run(() => LanguageServer.Server.RunAsync(serverStream, serverStream, options));
        var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(clientStream, clientStream, new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options }));
        var client = new LspClient(rpc, server, log);
        AddNotification(rpc, "textDocument/publishDiagnostics", client.OnDiagnostics);
        AddNotification(rpc, "window/logMessage", p =>
        {
            lock (client.LogMessages)
            {
                client.LogMessages.Add(p.Deserialize<LogMessageParams>(LspJson.Options) ?? new LogMessageParams(0, string.Empty));
            }
        });
        rpc.StartListening();
        if (initialize)
        {
            await client.InitializeAsync(rootUri);
        }

        return client;
    }

    public async Task<InitializeResult> InitializeAsync(string? rootUri)
    {
        var folders = rootUri is null ? null : new[] { new WorkspaceFolder(rootUri, "test") };
        var result = await RequestAsync<InitializeResult>("initialize", new InitializeParams(ProcessId: Environment.ProcessId, RootUri: rootUri, WorkspaceFolders: folders, Capabilities: JsonDocument.Parse("{}").RootElement));
        await NotifyAsync("initialized", new { });
        return result;
    }

    public async Task<T> RequestAsync<T>(string method, object? parameters)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _rpc.InvokeWithParameterObjectAsync<T>(method, parameters, timeout.Token);
    }

    /// <summary>A request the caller may cancel: StreamJsonRpc then sends <c>$/cancelRequest</c>.</summary>
    public Task<T> RequestAsync<T>(string method, object? parameters, CancellationToken cancellationToken) =>
        _rpc.InvokeWithParameterObjectAsync<T>(method, parameters, cancellationToken);

    public Task NotifyAsync(string method, object? parameters) => _rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync("textDocument/didOpen", new DidOpenTextDocumentParams(new TextDocumentItem(uri, "policylang", version, text)));

    public Task ChangeAsync(string uri, int version, params TextDocumentContentChangeEvent[] changes) =>
        NotifyAsync("textDocument/didChange", new DidChangeTextDocumentParams(new VersionedTextDocumentIdentifier(uri, version), changes));

    public Task CloseAsync(string uri) => NotifyAsync("textDocument/didClose", new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));

    /// <summary>Waits for diagnostics of the document that satisfy the condition (by default: any for this version or later).</summary>
    public async Task<PublishDiagnosticsParams> DiagnosticsAsync(string uri, Func<PublishDiagnosticsParams, bool>? condition = null, int? version = null)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            if (_diagnostics.TryGetValue(uri, out var latest) && (version is null || latest.Version >= version) && (condition?.Invoke(latest) ?? true))
            {
                return latest;
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"no matching diagnostics for {uri}; last: {(latest is null ? "none" : JsonSerializer.Serialize(latest, LspJson.Options))}");
            }

            await _signal.WaitAsync(left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
        }
    }

    public Task<CompletionList> CompletionAsync(string uri, Position position) =>
        RequestAsync<CompletionList>("textDocument/completion", new CompletionParams(new TextDocumentIdentifier(uri), position));

    public Task<Hover?> HoverAsync(string uri, Position position) =>
        RequestAsync<Hover?>("textDocument/hover", new TextDocumentPositionParams(new TextDocumentIdentifier(uri), position));

    public async Task<int> ShutdownAndExitAsync()
    {
        await RequestAsync<JsonElement?>("shutdown", null);
        await NotifyAsync("exit", null);
        return await Server.WaitAsync(Timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _rpc.Dispose();
        try
        {
            await Server.WaitAsync(Timeout);
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or IOException)
        {
            // The server ends when its stream closes; how it ends is not what the tests look at here.
        }

        _stop.Dispose();
        _signal.Dispose();
    }

    private static void AddNotification(JsonRpc rpc, string method, Action<JsonElement> handler) =>
        rpc.AddLocalRpcMethod(handler.Method, handler.Target, new JsonRpcMethodAttribute(method) { UseSingleObjectParameterDeserialization = true });

    private void OnDiagnostics(JsonElement parameters)
    {
        var diagnostics = parameters.Deserialize<PublishDiagnosticsParams>(LspJson.Options);
        if (diagnostics is null)
        {
            return;
        }

        _diagnostics[diagnostics.Uri] = diagnostics;
        _published.Enqueue(diagnostics);
        _signal.Release();
    }
}
