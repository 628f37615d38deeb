// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Compiler;
using PolicyLang.LanguageServer.Features.Commands;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using StreamJsonRpc;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Malformed and huge documents, positions outside the text, bad parameters and failing handlers never stop the server.</summary>
public sealed class RobustnessTests
{
    private static readonly string[] PositionRequests =
    [
        "textDocument/completion", "textDocument/hover", "textDocument/signatureHelp", "textDocument/definition", "textDocument/prepareRename",
    ];

    private static async Task EveryRequestAnswersAsync(LspClient client, string uri, Position position)
    {
        foreach (var method in PositionRequests)
        {
            await client.RequestAsync<JsonElement?>(method, new TextDocumentPositionParams(new TextDocumentIdentifier(uri), position));
        }

        var document = new TextDocumentIdentifier(uri);
        await client.RequestAsync<JsonElement?>("textDocument/references", new ReferenceParams(document, position, new ReferenceContext(true)));
        await client.RequestAsync<JsonElement?>("textDocument/documentSymbol", new DocumentSymbolParams(document));
        await client.RequestAsync<JsonElement?>("textDocument/formatting", new DocumentFormattingParams(document));
        await client.RequestAsync<JsonElement?>("textDocument/rangeFormatting", new DocumentRangeFormattingParams(document, new Range(position, position)));
        await client.RequestAsync<JsonElement?>("textDocument/semanticTokens/full", new SemanticTokensParams(document));
        await client.RequestAsync<JsonElement?>("textDocument/codeAction", new CodeActionParams(document, new Range(position, position), new CodeActionContext([])));
        await client.RequestAsync<JsonElement?>("textDocument/codeLens", new CodeLensParams(document));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, 500)]
    [InlineData(9999, 9999)]
    [InlineData(-1, -7)]
    public async Task Positions_outside_the_document_are_answered(int line, int character)
    {
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:positions";
        await client.OpenAsync(uri, Samples.Policy);
        await EveryRequestAnswersAsync(client, uri, new Position(line, character));
        (await client.DiagnosticsAsync(uri)).ShouldNotBeNull();
    }

    [Fact]
    public async Task Garbage_unbalanced_and_deeply_nested_text_is_answered_everywhere()
    {
        await using var client = await LspClient.StartAsync();
        var random = new Random(5);
        const string alphabet = "rule on workload w { } ( ) [ ] \" . , : @ deny when for in let 1 2 x y \n\t\\ /* */ // \"\"\"";
        var texts = new List<string>
        {
            string.Concat(Enumerable.Range(0, 2000).Select(_ => alphabet[random.Next(alphabet.Length)])),
            "package x\nconst y = " + new string('(', 5000) + "1" + new string(')', 5000),
            "package x\nrule r on workload w {\n  deny \"unterminated {w.name\n",
            "\0\u0001\uFFFF\uD800 package",
        };
        for (var i = 0; i < texts.Count; i++)
        {
            var uri = $"untitled:garbage{i}";
            await client.OpenAsync(uri, texts[i]);
            var lines = texts[i].Split('\n');
            await EveryRequestAnswersAsync(client, uri, new Position(lines.Length / 2, 3));
            await EveryRequestAnswersAsync(client, uri, new Position(lines.Length - 1, lines[^1].Length));
            (await client.DiagnosticsAsync(uri)).Diagnostics.ShouldNotBeEmpty();
        }
    }

    [Fact]
    public async Task A_huge_document_gets_a_diagnostic_not_a_crash()
    {
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:huge";
        var huge = "package big\n" + new string('x', Compiler.Parsing.PolicyParser.MaxSourceLength + 10);
        await client.OpenAsync(uri, huge);
        (await client.DiagnosticsAsync(uri)).Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("PL0010");
        await EveryRequestAnswersAsync(client, uri, new Position(1, 100));
    }

    [Fact]
    public async Task Bad_parameters_and_unknown_methods_are_errors_and_the_server_goes_on()
    {
        await using var client = await LspClient.StartAsync();
        (await Should.ThrowAsync<RemoteInvocationException>(() => client.RequestAsync<JsonElement?>("textDocument/hover", new { nothing = 1 }))).ShouldNotBeNull();
        (await Should.ThrowAsync<RemoteMethodNotFoundException>(() => client.RequestAsync<JsonElement?>("textDocument/unknown", new { }))).ShouldNotBeNull();
        await client.NotifyAsync("textDocument/didChange", new { wrong = true });
        const string uri = "untitled:after";
        await client.OpenAsync(uri, "package x\nconst y = z\n");
        (await client.DiagnosticsAsync(uri)).Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("PL0100");
    }

    [Fact]
    public async Task A_handler_that_fails_is_logged_and_answered_with_an_internal_error()
    {
        await using var client = await LspClient.StartAsync(tools: new FailingTools());
        const string uri = "untitled:failing";
        await client.OpenAsync(uri, "package x\n");
        var error = await Should.ThrowAsync<RemoteInvocationException>(() => client.RequestAsync<JsonElement>("workspace/executeCommand", new { command = "policylang.runTests", arguments = new[] { uri } }));
        error.ErrorCode.ShouldBe(LspErrorCodes.InternalError);
        error.Message.ShouldContain("the tool broke");
        client.Log.ToString().ShouldContain("workspace/executeCommand failed: InvalidOperationException: the tool broke");
        (await client.HoverAsync(uri, new Position(0, 8))).ShouldNotBeNull();
    }

    [Fact]
    public async Task A_cancelled_request_is_answered_as_cancelled()
    {
        var tools = new SlowTools();
        await using var client = await LspClient.StartAsync(tools: tools);
        const string uri = "untitled:slow";
        await client.OpenAsync(uri, "package x\n");
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var request = client.RequestAsync<JsonElement>("workspace/executeCommand", new { command = "policylang.runTests", arguments = new[] { uri } }, cancellation.Token);
        await Should.ThrowAsync<OperationCanceledException>(() => request);

        // The server saw the $/cancelRequest: the work stopped long before its 60 s, and the server goes on.
        (await tools.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(20))).ShouldBeTrue();
        (await client.HoverAsync(uri, new Position(0, 8))).ShouldNotBeNull();
    }

    private sealed class FailingTools : IPolicyTools
    {
        public JsonElement Evaluate(Compilation compilation, string package, string inputPath, CancellationToken cancellationToken) => throw new InvalidOperationException("the tool broke");

        public PolicyTestReport RunTests(Compilation compilation, string documentPath, CancellationToken cancellationToken) => throw new InvalidOperationException("the tool broke");
    }

    private sealed class SlowTools : IPolicyTools
    {
        public TaskCompletionSource<bool> Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public JsonElement Evaluate(Compilation compilation, string package, string inputPath, CancellationToken cancellationToken) => throw new OperationCanceledException(cancellationToken);

        public PolicyTestReport RunTests(Compilation compilation, string documentPath, CancellationToken cancellationToken)
        {
            Cancelled.TrySetResult(cancellationToken.WaitHandle.WaitOne(TimeSpan.FromSeconds(60)));
            cancellationToken.ThrowIfCancellationRequested();
            return new PolicyTestReport([], []);
        }
    }
}
