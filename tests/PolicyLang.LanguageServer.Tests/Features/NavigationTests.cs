// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Go to definition and find references, across files and packages.</summary>
public sealed class NavigationTests
{
    [Fact]
    public async Task Definition_of_an_imported_function_parameter_and_import_goes_to_the_other_file()
    {
        await using var fixture = await ServerFixture.StartAsync();
        await fixture.Client.OpenAsync(fixture.PolicyUri, Samples.Policy);
        async Task<Location> DefinitionAsync(string marker, int shift)
        {
            var locations = await fixture.Client.RequestAsync<List<Location>>("textDocument/definition", new TextDocumentPositionParams(new TextDocumentIdentifier(fixture.PolicyUri), AnnotatedText.Find(Samples.Policy, marker, shift)));
            return locations.ShouldHaveSingleItem();
        }

        var function = await DefinitionAsync("lib.trusted", 5);
        function.Uri.ShouldBe(fixture.LibraryUri);
        function.Range.Start.ShouldBe(AnnotatedText.Find(Samples.Library, "trusted("));
        (await DefinitionAsync("import acme.lib", 8)).Range.Start.ShouldBe(AnnotatedText.Find(Samples.Library, "acme.lib"));
        var rule = await DefinitionAsync("expect deny no_privileged", 14);
        rule.Uri.ShouldBe(fixture.PolicyUri);
        rule.Range.Start.ShouldBe(AnnotatedText.Find(Samples.Policy, "no_privileged on"));
        (await DefinitionAsync("{c.name}", 1)).Range.Start.ShouldBe(AnnotatedText.Find(Samples.Policy, "c in w"));
    }

    [Fact]
    public async Task References_of_a_library_function_include_its_importers()
    {
        await using var fixture = await ServerFixture.StartAsync();
        await fixture.Client.OpenAsync(fixture.LibraryUri, Samples.Library);
        var position = AnnotatedText.Find(Samples.Library, "trusted(");
        var all = await fixture.Client.RequestAsync<List<Location>>("textDocument/references", new ReferenceParams(new TextDocumentIdentifier(fixture.LibraryUri), position, new ReferenceContext(true)));
        all.Select(l => (l.Uri == fixture.LibraryUri ? "lib" : "pods", l.Range.Start)).ShouldBe(
            [("lib", AnnotatedText.Find(Samples.Library, "trusted(")), ("pods", AnnotatedText.Find(Samples.Policy, "trusted(c.image"))],
            ignoreOrder: true);
        var uses = await fixture.Client.RequestAsync<List<Location>>("textDocument/references", new ReferenceParams(new TextDocumentIdentifier(fixture.LibraryUri), position, new ReferenceContext(false)));
        uses.ShouldHaveSingleItem().Uri.ShouldBe(fixture.PolicyUri);
    }

    [Fact]
    public async Task References_of_a_rule_include_tests_and_of_a_parameter_its_uses()
    {
        await using var fixture = await ServerFixture.StartAsync();
        await fixture.Client.OpenAsync(fixture.PolicyUri, Samples.Policy);
        var rule = await fixture.Client.RequestAsync<List<Location>>("textDocument/references", new ReferenceParams(new TextDocumentIdentifier(fixture.PolicyUri), AnnotatedText.Find(Samples.Policy, "no_privileged on"), new ReferenceContext(true)));
        rule.Count.ShouldBe(2);
        await fixture.Client.OpenAsync(fixture.LibraryUri, Samples.Library);
        var param = await fixture.Client.RequestAsync<List<Location>>("textDocument/references", new ReferenceParams(new TextDocumentIdentifier(fixture.LibraryUri), AnnotatedText.Find(Samples.Library, "registries:"), new ReferenceContext(true)));
        param.Count.ShouldBe(2);
    }
}
