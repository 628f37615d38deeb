// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Document symbols (the outline) and workspace symbols.</summary>
public sealed class SymbolsTests
{
    [Fact]
    public async Task The_outline_lists_the_package_and_each_declaration_with_its_kind()
    {
        await using var fixture = await ServerFixture.StartAsync();
        await fixture.Client.OpenAsync(fixture.PolicyUri, Samples.Policy);
        var symbols = await fixture.Client.RequestAsync<List<DocumentSymbol>>("textDocument/documentSymbol", new DocumentSymbolParams(new TextDocumentIdentifier(fixture.PolicyUri)));
        symbols.Select(s => (s.Name, s.Kind)).ShouldBe([
            ("acme.pods", SymbolKind.Package),
            ("shells", SymbolKind.Array),
            ("no_privileged", SymbolKind.Method),
            ("test \"privileged is denied\"", SymbolKind.Event),
        ]);
        symbols[2].Detail.ShouldBe("rule on workload");
        symbols[2].SelectionRange.Start.ShouldBe(AnnotatedText.Find(Samples.Policy, "no_privileged on"));
    }

    [Fact]
    public async Task Workspace_symbols_search_every_file_prefix_matches_first()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var found = await fixture.Client.RequestAsync<List<SymbolInformation>>("workspace/symbol", new WorkspaceSymbolParams("tru"));
        found.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            s => s.Name.ShouldBe("trusted"),
            s => s.Kind.ShouldBe(SymbolKind.Function),
            s => s.ContainerName.ShouldBe("acme.lib"),
            s => s.Location.Uri.ShouldBe(fixture.LibraryUri));
        var fuzzy = await fixture.Client.RequestAsync<List<SymbolInformation>>("workspace/symbol", new WorkspaceSymbolParams("nopriv"));
        fuzzy.Select(s => s.Name).ShouldBe(["no_privileged"]);
    }
}
