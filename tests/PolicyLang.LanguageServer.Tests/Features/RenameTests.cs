// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Rename across the workspace: rules (tests included), functions and parameters used by importers; refusals.</summary>
public sealed class RenameTests
{
    [Fact]
    public async Task Renaming_a_library_function_edits_its_declaration_and_the_importers()
    {
        await using var fixture = await ServerFixture.StartAsync();
        await fixture.Client.OpenAsync(fixture.LibraryUri, Samples.Library);
        var position = AnnotatedText.Find(Samples.Library, "trusted(");
        var prepared = await fixture.Client.RequestAsync<PrepareRenameResult?>("textDocument/prepareRename", new PrepareRenameParams(new TextDocumentIdentifier(fixture.LibraryUri), position));
        prepared.ShouldNotBeNull().Placeholder.ShouldBe("trusted");
        var edit = (await fixture.Client.RequestAsync<WorkspaceEdit?>("textDocument/rename", new RenameParams(new TextDocumentIdentifier(fixture.LibraryUri), position, "vetted"))).ShouldNotBeNull();
        edit.Changes.Keys.ShouldBe([fixture.LibraryUri, fixture.PolicyUri], ignoreOrder: true);
        EditApplier.Apply(Samples.Library, edit.Changes[fixture.LibraryUri]).ShouldContain("func vetted(ref: string)");
        EditApplier.Apply(Samples.Policy, edit.Changes[fixture.PolicyUri]).ShouldContain("lib.vetted(c.image)");
    }

    [Fact]
    public async Task Renaming_a_rule_edits_its_tests_and_renaming_a_parameter_its_uses()
    {
        await using var fixture = await ServerFixture.StartAsync();
        await fixture.Client.OpenAsync(fixture.PolicyUri, Samples.Policy);
        var edit = (await fixture.Client.RequestAsync<WorkspaceEdit?>("textDocument/rename", new RenameParams(new TextDocumentIdentifier(fixture.PolicyUri), AnnotatedText.Find(Samples.Policy, "no_privileged on"), "privileged_denied"))).ShouldNotBeNull();
        var renamed = EditApplier.Apply(Samples.Policy, edit.Changes[fixture.PolicyUri]);
        renamed.ShouldContain("rule privileged_denied on");
        renamed.ShouldContain("expect deny privileged_denied");

        await fixture.Client.OpenAsync(fixture.LibraryUri, Samples.Library);
        var param = (await fixture.Client.RequestAsync<WorkspaceEdit?>("textDocument/rename", new RenameParams(new TextDocumentIdentifier(fixture.LibraryUri), AnnotatedText.Find(Samples.Library, "registries:"), "allowed"))).ShouldNotBeNull();
        EditApplier.Apply(Samples.Library, param.Changes[fixture.LibraryUri]).ShouldSatisfyAllConditions(
            t => t.ShouldContain("param allowed: list<string>"),
            t => t.ShouldContain("in allowed"));
    }

    [Theory]
    [InlineData("1abc")]
    [InlineData("rule")]
    [InlineData("shells")]
    public async Task Invalid_or_clashing_names_are_refused(string name)
    {
        await using var fixture = await ServerFixture.StartAsync();
        await fixture.Client.OpenAsync(fixture.PolicyUri, Samples.Policy);
        var error = await Should.ThrowAsync<RemoteInvocationException>(() => fixture.Client.RequestAsync<WorkspaceEdit?>("textDocument/rename", new RenameParams(new TextDocumentIdentifier(fixture.PolicyUri), AnnotatedText.Find(Samples.Policy, "no_privileged on"), name)));
        error.ErrorCode.ShouldBe(LspErrorCodes.RequestFailed);
    }

    [Fact]
    public async Task Built_ins_and_keywords_cannot_be_renamed()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var (uri, cursor, _) = await fixture.OpenAsync("package acme.edit\nconst x = len|([1])\n");
        (await fixture.Client.RequestAsync<PrepareRenameResult?>("textDocument/prepareRename", new PrepareRenameParams(new TextDocumentIdentifier(uri), cursor))).ShouldBeNull();
    }
}
