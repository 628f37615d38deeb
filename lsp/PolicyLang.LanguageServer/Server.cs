// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Microsoft.VisualStudio.Threading;
using PolicyLang.LanguageServer.Features.CodeActions;
using PolicyLang.LanguageServer.Features.CodeLens;
using PolicyLang.LanguageServer.Features.Commands;
using PolicyLang.LanguageServer.Features.Completion;
using PolicyLang.LanguageServer.Features.Definition;
using PolicyLang.LanguageServer.Features.Diagnostics;
using PolicyLang.LanguageServer.Features.DocumentSymbols;
using PolicyLang.LanguageServer.Features.Formatting;
using PolicyLang.LanguageServer.Features.Hover;
using PolicyLang.LanguageServer.Features.Lifecycle;
using PolicyLang.LanguageServer.Features.References;
using PolicyLang.LanguageServer.Features.Rename;
using PolicyLang.LanguageServer.Features.SemanticTokens;
using PolicyLang.LanguageServer.Features.SignatureHelp;
using PolicyLang.LanguageServer.Features.TextSync;
using PolicyLang.LanguageServer.Features.WorkspaceSymbols;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Logging;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer;

/// <summary>
/// The PolicyLang language server: LSP 3.17 over JSON-RPC (Content-Length framed, UTF-8 without a byte-order mark)
/// on a pair of streams — stdin/stdout for <c>policylang lsp</c>, pipes in tests. Messages are dispatched one at a
/// time in arrival order up to each handler's first await, so document changes apply in order and every request
/// sees the edits sent before it; the work itself runs on the thread pool. The handlers are listed once, below.
/// </summary>
public sealed class Server
{
    private readonly ServerLog _log;
    private readonly CompilationManager _manager;
    private readonly RequestGuard _guard;
    private readonly IReadOnlyList<ILspHandler> _handlers;
    private readonly LifecycleHandler _lifecycle;

    private Server(ServerOptions options)
    {
        _log = new ServerLog(options.Log);
        _manager = new CompilationManager(_log);
        _guard = new RequestGuard(_manager, _log);
        _lifecycle = new LifecycleHandler(_manager, _guard, _log, Capabilities);

        // The registration list: every feature of the server.
        _handlers =
        [
            _lifecycle,
            new TextSyncHandler(_manager, _guard),
            new CompletionHandler(_manager, _guard),
            new HoverHandler(_manager, _guard),
            new SignatureHelpHandler(_manager, _guard),
            new DefinitionHandler(_manager, _guard),
            new ReferencesHandler(_manager, _guard),
            new DocumentSymbolsHandler(_guard),
            new WorkspaceSymbolsHandler(_guard),
            new FormattingHandler(_guard),
            new SemanticTokensHandler(_manager, _guard),
            new CodeActionsHandler(_manager, _guard),
            new RenameHandler(_manager, _guard),
            new CodeLensHandler(_guard),
            new ExecuteCommandHandler(_manager, _guard, options.Tools),
        ];
    }

    /// <summary>Serves one client until it sends <c>exit</c> or closes the input; returns the process exit code (0 after shutdown).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output, ServerOptions options, CancellationToken cancellationToken = default)
    {
        var server = new Server(options);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = LspJson.Options };
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter))
        {
            SynchronizationContext = new NonConcurrentSynchronizationContext(sticky: false),
            CancelLocallyInvokedMethodsWhenConnectionIsClosed = true,
        };
        foreach (var handler in server._handlers)
        {
            rpc.AddLocalRpcTarget(handler.GetType(), handler, new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true, DisposeOnDisconnect = false });
        }

        var client = new JsonRpcLanguageClient(rpc);
        server._log.AttachClient(client.LogMessageAsync);
        using var diagnostics = new DiagnosticsPublisher(server._manager, client, server._log, options.DiagnosticsDelay);
        rpc.StartListening();

        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(() => cancelled.TrySetResult());
        var ended = await Task.WhenAny(server._lifecycle.Exited, rpc.Completion, cancelled.Task).ConfigureAwait(false);
        if (ended == server._lifecycle.Exited)
        {
            return await server._lifecycle.Exited.ConfigureAwait(false);
        }

        if (ended == rpc.Completion && rpc.Completion.IsFaulted)
        {
            server._log.Error("the connection failed", rpc.Completion.Exception?.GetBaseException());
        }

        // The client went away without exit: an abnormal end (1), unless it had asked for shutdown.
        return server._guard.State == ServerState.ShutDown ? 0 : 1;
    }

    private ServerCapabilities Capabilities() => _handlers.Aggregate(new ServerCapabilities(), (capabilities, handler) => handler.Advertise(capabilities));
}
