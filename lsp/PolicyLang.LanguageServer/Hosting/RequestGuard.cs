// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Logging;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Hosting;

/// <summary>
/// Runs every handler: checks the lifecycle state, takes the workspace snapshot in protocol order (before the
/// first await, while the next message waits), does the work on the thread pool, and turns a failure into a logged
/// JSON-RPC error so that one broken request never stops the server.
/// </summary>
public sealed class RequestGuard
{
    private readonly ICompilationManager _manager;
    private readonly ServerLog _log;
    private volatile ServerState _state = ServerState.Starting;

    public RequestGuard(ICompilationManager manager, ServerLog log)
    {
        _manager = manager;
        _log = log;
    }

    public ServerState State
    {
        get => _state;
        set => _state = value;
    }

    public Task<T> RunAsync<T>(string method, Func<WorkspaceSnapshot, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        EnsureRunning();
        var snapshot = _manager.Current;
        return RunCoreAsync(method, () => work(snapshot, cancellationToken), cancellationToken);
    }

    /// <summary>Runs a notification's work inline (in protocol order); a failure is logged and dropped.</summary>
    public void Notify(string method, Action work)
    {
        if (_state != ServerState.Running)
        {
            _log.Warning($"{method} ignored: the server is {_state.ToString().ToLowerInvariant()}");
            return;
        }

        try
        {
            work();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Error($"{method} failed", e);
        }
    }

    private void EnsureRunning()
    {
        switch (_state)
        {
            case ServerState.Starting:
                throw new LocalRpcException("the server is not initialized yet") { ErrorCode = LspErrorCodes.ServerNotInitialized };
            case ServerState.ShutDown:
                throw new LocalRpcException("the server is shut down") { ErrorCode = LspErrorCodes.InvalidRequest };
        }
    }

    private async Task<T> RunCoreAsync<T>(string method, Func<T> work, CancellationToken cancellationToken)
    {
        try
        {
            return await Task.Run(work, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (LocalRpcException)
        {
            throw;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _log.Error($"{method} failed", e);
            throw new LocalRpcException($"{method} failed: {e.Message}") { ErrorCode = LspErrorCodes.InternalError };
        }
    }
}
