// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Hosting;

/// <summary>Sends the server's notifications over the JSON-RPC connection.</summary>
internal sealed class JsonRpcLanguageClient : ILanguageClient
{
    private readonly JsonRpc _rpc;

    public JsonRpcLanguageClient(JsonRpc rpc)
    {
        _rpc = rpc;
    }

    public Task PublishDiagnosticsAsync(PublishDiagnosticsParams diagnostics) => _rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", diagnostics);

    public Task LogMessageAsync(LogMessageParams message) => _rpc.NotifyWithParameterObjectAsync("window/logMessage", message);
}
