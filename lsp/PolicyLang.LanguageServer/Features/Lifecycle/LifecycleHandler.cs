// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using System.Text.Json;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Logging;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.Lifecycle;

/// <summary>
/// <c>initialize</c> (reads the workspace folders, answers the capabilities), <c>initialized</c>, <c>shutdown</c>,
/// <c>exit</c> and <c>$/setTrace</c>, per the protocol: exit ends the server with 0 after shutdown, 1 without.
/// </summary>
public sealed class LifecycleHandler : ILspHandler
{
    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;
    private readonly ServerLog _log;
    private readonly Func<ServerCapabilities> _capabilities;
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LifecycleHandler(ICompilationManager manager, RequestGuard guard, ServerLog log, Func<ServerCapabilities> capabilities)
    {
        _manager = manager;
        _guard = guard;
        _log = log;
        _capabilities = capabilities;
    }

    /// <summary>Completes with the process exit code when the client sends <c>exit</c>.</summary>
    public Task<int> Exited => _exit.Task;

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities;

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams parameters)
    {
        if (_guard.State != ServerState.Starting)
        {
            throw new LocalRpcException("initialize was already sent") { ErrorCode = LspErrorCodes.InvalidRequest };
        }

        _log.Verbose = parameters.Trace == "verbose";
        var folders = (parameters.WorkspaceFolders?.Select(f => f.Uri) ?? (parameters.RootUri is null ? [] : [parameters.RootUri]))
            .Where(DocumentUri.IsFile)
            .Select(DocumentUri.ToPath)
            .ToList();
        if (folders.Count == 0 && parameters.RootPath is { Length: > 0 } rootPath)
        {
            folders.Add(rootPath);
        }

        _ = CompilerWarmup.StartAsync(_log);
        _manager.SetFolders(folders);
        _guard.State = ServerState.Running;
        var version = typeof(LifecycleHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        _log.Info($"initialized for {(folders.Count == 0 ? "no workspace folder" : string.Join(", ", folders))}");
        return new InitializeResult(_capabilities(), new ServerInfo("policylang", version.Split('+')[0]));
    }

    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public void Initialized(JsonElement? parameters = null) => _ = parameters;

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        _guard.State = ServerState.ShutDown;
        _log.Info("shutdown");
        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => _exit.TrySetResult(_guard.State == ServerState.ShutDown ? 0 : 1);

    [JsonRpcMethod("$/setTrace", UseSingleObjectParameterDeserialization = true)]
    public void SetTrace(JsonElement parameters) =>
        _log.Verbose = parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("value", out var value) && value.GetString() == "verbose";
}
