// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>initialize, shutdown and exit per the protocol, and the capabilities the server announces.</summary>
public sealed class LifecycleTests
{
    [Fact]
    public async Task Initialize_announces_every_feature_and_incremental_sync()
    {
        await using var client = await LspClient.StartAsync(initialize: false);
        var result = await client.InitializeAsync(null);
        var capabilities = result.Capabilities;
        capabilities.TextDocumentSync.ShouldNotBeNull().Change.ShouldBe(TextDocumentSyncKind.Incremental);
        capabilities.CompletionProvider.ShouldNotBeNull().TriggerCharacters.ShouldContain(".");
        capabilities.HoverProvider.ShouldBeTrue();
        capabilities.SignatureHelpProvider.ShouldNotBeNull();
        capabilities.DefinitionProvider.ShouldBeTrue();
        capabilities.ReferencesProvider.ShouldBeTrue();
        capabilities.DocumentSymbolProvider.ShouldBeTrue();
        capabilities.WorkspaceSymbolProvider.ShouldBeTrue();
        capabilities.DocumentFormattingProvider.ShouldBeTrue();
        capabilities.DocumentRangeFormattingProvider.ShouldBeTrue();
        capabilities.SemanticTokensProvider.ShouldNotBeNull().Legend.TokenTypes.ShouldContain("property");
        capabilities.CodeActionProvider.ShouldNotBeNull().CodeActionKinds.ShouldContain("quickfix");
        capabilities.RenameProvider.ShouldNotBeNull().PrepareProvider.ShouldBeTrue();
        capabilities.CodeLensProvider.ShouldNotBeNull();
        capabilities.ExecuteCommandProvider.ShouldNotBeNull().Commands.ShouldBe(["policylang.evaluateFile", "policylang.runTests"]);
        result.ServerInfo.Name.ShouldBe("policylang");
    }

    [Fact]
    public async Task A_request_before_initialize_is_answered_with_ServerNotInitialized()
    {
        await using var client = await LspClient.StartAsync(initialize: false);
        var error = await Should.ThrowAsync<RemoteInvocationException>(() => client.HoverAsync("file:///x.policy", new Position(0, 0)));
        error.ErrorCode.ShouldBe(LspErrorCodes.ServerNotInitialized);
        await client.InitializeAsync(null);
        (await client.HoverAsync("file:///x.policy", new Position(0, 0))).ShouldBeNull();
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_with_0_and_requests_after_shutdown_are_invalid()
    {
        await using var client = await LspClient.StartAsync();
        await client.RequestAsync<JsonElement?>("shutdown", null);
        var error = await Should.ThrowAsync<RemoteInvocationException>(() => client.HoverAsync("file:///x.policy", new Position(0, 0)));
        error.ErrorCode.ShouldBe(LspErrorCodes.InvalidRequest);
        await client.NotifyAsync("exit", null);
        (await client.Server.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_1()
    {
        await using var client = await LspClient.StartAsync();
        await client.NotifyAsync("exit", null);
        (await client.Server.WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe(1);
    }

    [Fact]
    public async Task A_second_initialize_is_refused()
    {
        await using var client = await LspClient.StartAsync();
        var error = await Should.ThrowAsync<RemoteInvocationException>(() => client.InitializeAsync(null));
        error.ErrorCode.ShouldBe(LspErrorCodes.InvalidRequest);
    }
}
