// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>The code lens above each rule runs the extension's evaluate command with the document URI.</summary>
public sealed class CodeLensTests
{
    [Fact]
    public async Task Each_rule_gets_an_evaluate_lens_at_its_first_line()
    {
        await using var fixture = await ServerFixture.StartAsync();
        const string text = "package acme.edit\n\n@severity(low)\nrule a on workload w { deny \"a\" }\n\nconst c = 1\n\n/// Doc.\n@severity(high)\nrule b on manifest m { deny \"b\" }\n";
        var uri = fixture.Workspace.UriOf("lens.policy");
        await fixture.Client.OpenAsync(uri, text);
        var lenses = await fixture.Client.RequestAsync<List<CodeLens>>("textDocument/codeLens", new CodeLensParams(new TextDocumentIdentifier(uri)));
        lenses.Select(l => l.Range.Start.Line).ShouldBe([2, 8]);
        foreach (var lens in lenses)
        {
            var command = lens.Command.ShouldNotBeNull();
            command.Title.ShouldBe("Evaluate against a file…");
            command.Name.ShouldBe("policylang.evaluatePolicy");
            command.Arguments.ShouldNotBeNull().ShouldHaveSingleItem()?.ToString().ShouldBe(uri);
        }
    }
}
