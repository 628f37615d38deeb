// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;
using PolicyLang.LanguageServer.Logging;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using PolicyLang.LanguageServer.Workspace;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Incremental text synchronisation and the workspace the server reads.</summary>
public sealed class TextSyncTests
{
    private static Range At(int line, int start, int endLine, int end) => new(new Position(line, start), new Position(endLine, end));

    [Fact]
    public void Incremental_changes_apply_in_order_and_ranges_outside_the_text_are_clamped()
    {
        var text = new SourceText("a.policy", "package a\nconst x = 1\n");
        text = CompilationManager.Apply(text, new TextDocumentContentChangeEvent("y", At(1, 6, 1, 7)));
        text = CompilationManager.Apply(text, new TextDocumentContentChangeEvent("2", At(1, 10, 1, 11)));
        text = CompilationManager.Apply(text, new TextDocumentContentChangeEvent("\nconst z = 3", At(1, 11, 1, 11)));
        text.Text.ShouldBe("package a\nconst y = 2\nconst z = 3\n");

        // Past the end of the line and of the document: clamped, not an exception.
        CompilationManager.Apply(text, new TextDocumentContentChangeEvent("!", At(0, 99, 0, 200))).Text.ShouldStartWith("package a!\n");
        CompilationManager.Apply(text, new TextDocumentContentChangeEvent("// end", At(99, 0, 120, 5))).Text.ShouldEndWith("const z = 3\n// end");
        CompilationManager.Apply(text, new TextDocumentContentChangeEvent("X", At(2, 5, 0, 1))).Text.ShouldBe("pX z = 3\n");
    }

    [Fact]
    public async Task Changes_over_the_wire_keep_the_server_text_in_step_with_the_client()
    {
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:sync";
        await client.OpenAsync(uri, "package a\nconst x = 1\n");
        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent("undefined_name", At(1, 10, 1, 11)), new TextDocumentContentChangeEvent("y", At(1, 6, 1, 7)));
        var diagnostics = await client.DiagnosticsAsync(uri, version: 2);
        diagnostics.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("'undefined_name' is not defined");
        var symbols = await client.RequestAsync<List<DocumentSymbol>>("textDocument/documentSymbol", new DocumentSymbolParams(new TextDocumentIdentifier(uri)));
        symbols.Select(s => s.Name).ShouldBe(["a", "y"]);
    }

    [Fact]
    public async Task Workspace_files_are_read_leaving_out_build_output_and_hidden_folders()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("a/one.policy", "package one\n");
        workspace.Write("bin/Debug/copy.policy", "package copy\n");
        workspace.Write("node_modules/x/dep.policy", "package dep\n");
        workspace.Write(".git/x.policy", "package hidden\n");
        var manager = new CompilationManager(new ServerLog(TextWriter.Null));
        manager.SetFolders([workspace.Root]);
        manager.Current.Documents.Values.Select(d => d.Tree.PackageName).ShouldBe(["one"]);
    }

    [Fact]
    public async Task Watched_file_events_update_closed_documents()
    {
        using var workspace = new TestWorkspace();
        var libraryUri = workspace.Write("lib/lib.policy", Samples.Library);
        var policyUri = workspace.Write("pods.policy", Samples.Policy);
        await using var client = await LspClient.StartAsync(workspace.RootUri);
        await client.OpenAsync(policyUri, Samples.Policy);
        (await client.DiagnosticsAsync(policyUri)).Diagnostics.ShouldBeEmpty();
        File.Delete(workspace.PathOf("lib/lib.policy"));
        await client.NotifyAsync("workspace/didChangeWatchedFiles", new DidChangeWatchedFilesParams([new FileEvent(libraryUri, FileChangeType.Deleted)]));
        (await client.DiagnosticsAsync(policyUri, p => p.Diagnostics.Count > 0)).Diagnostics.ShouldContain(d => d.Code == "PL0102");
    }

    [Fact]
    public void Packages_compile_with_their_directory_and_the_nearest_copy_of_an_import()
    {
        using var workspace = new TestWorkspace();
        workspace.Write("app/a.policy", "package app\nimport lib\nconst x = lib.y\n");
        workspace.Write("app/b.policy", "package app\nconst z = 1\n");
        workspace.Write("app/lib/lib.policy", "package lib\nconst y = 1\n");
        workspace.Write("other/lib.policy", "package lib\nconst y = 2\n");
        workspace.Write("other/app.policy", "package app\nconst x = 3\n");
        var manager = new CompilationManager(new ServerLog(TextWriter.Null));
        manager.SetFolders([workspace.Root]);
        var snapshot = manager.Current;
        var a = snapshot.Documents[workspace.PathOf("app/a.policy")];
        snapshot.ClosureOf(a).Select(d => Path.GetRelativePath(workspace.Root, d.Path)).ShouldBe(["app/a.policy", "app/b.policy", "app/lib/lib.policy"]);
        manager.Analyze(snapshot, a).Diagnostics.ShouldBeEmpty();
    }
}
