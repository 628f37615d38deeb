// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Features.SemanticTokens;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Semantic tokens: identifiers classified by binding, tokens split per line, the range request.</summary>
public sealed class SemanticTokensTests
{
    private const string Text = "package acme.tok\n\n/// Doc.\nparam limit: int = 2\n\n@severity(low)\nrule r on workload w {\n  for c in w.allContainers\n    deny \"\"\"\n      multi\n      \"\"\" when len(c.env) > limit\n}\n";

    private static List<(string Text, string Type, int Modifiers)> Decode(IReadOnlyList<int> data)
    {
        var lines = Text.Split('\n');
        var result = new List<(string, string, int)>();
        int line = 0, start = 0;
        for (var i = 0; i < data.Count; i += 5)
        {
            line += data[i];
            start = data[i] == 0 ? start + data[i + 1] : data[i + 1];
            result.Add((lines[line].Substring(start, data[i + 2]), SemanticTokensHandler.TokenTypes[data[i + 3]], data[i + 4]));
        }

        return result;
    }

    [Fact]
    public async Task Identifiers_are_classified_by_what_they_resolve_to()
    {
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:tokens";
        await client.OpenAsync(uri, Text);
        var tokens = Decode((await client.RequestAsync<SemanticTokens>("textDocument/semanticTokens/full", new SemanticTokensParams(new TextDocumentIdentifier(uri)))).Data);
        tokens.ShouldContain(("package", "keyword", 0));
        tokens.ShouldContain(("acme", "namespace", 1));
        tokens.ShouldContain(("tok", "namespace", 1));
        tokens.ShouldContain(("/// Doc.", "comment", 4));
        tokens.ShouldContain(("limit", "parameter", 3));
        tokens.ShouldContain(("int", "type", 0));
        tokens.ShouldContain(("severity", "decorator", 0));
        tokens.ShouldContain(("r", "method", 1));
        tokens.ShouldContain(("workload", "type", 0));
        tokens.ShouldContain(("allContainers", "property", 0));
        tokens.ShouldContain(("len", "function", 8));
        tokens.ShouldContain(("env", "property", 0));
        tokens.ShouldContain(("limit", "parameter", 2));
        tokens.ShouldContain(("c", "variable", 1));
        tokens.ShouldContain(("      multi", "string", 0));
        tokens.ShouldContain(("2", "number", 0));
    }

    [Fact]
    public async Task The_range_request_returns_only_the_tokens_in_the_range()
    {
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:tokens-range";
        await client.OpenAsync(uri, Text);
        var data = (await client.RequestAsync<SemanticTokens>("textDocument/semanticTokens/range", new SemanticTokensRangeParams(new TextDocumentIdentifier(uri), new Range(new Position(3, 0), new Position(3, 20))))).Data;
        Decode(data).Select(t => t.Text).ShouldBe(["param", "limit", "int", "=", "2"]);
    }
}
