// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>A workspace with the shared library and policy, a server on it, and helpers to open annotated text.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    private ServerFixture(TestWorkspace workspace, LspClient client)
    {
        Workspace = workspace;
        Client = client;
    }

    public TestWorkspace Workspace { get; }

    public LspClient Client { get; }

    public string LibraryUri => Workspace.UriOf("lib/lib.policy");

    public string PolicyUri => Workspace.UriOf("pods.policy");

    public static async Task<ServerFixture> StartAsync(PolicyLang.LanguageServer.Features.Commands.IPolicyTools? tools = null)
    {
        var workspace = new TestWorkspace();
        workspace.Write("lib/lib.policy", Samples.Library);
        workspace.Write("pods.policy", Samples.Policy);
        return new ServerFixture(workspace, await LspClient.StartAsync(workspace.RootUri, tools));
    }

    /// <summary>Opens <paramref name="annotated"/> (with its <c>|</c>) as a file of the workspace; returns its URI and the cursor.</summary>
    public async Task<(string Uri, Position Cursor, string Text)> OpenAsync(string annotated, string name = "edit.policy")
    {
        var parsed = AnnotatedText.Parse(annotated);
        var uri = Workspace.UriOf(name);
        await Client.OpenAsync(uri, parsed.Text);
        return (uri, parsed.Cursor, parsed.Text);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Workspace.Dispose();
    }
}
