// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Signature help for built-ins (overloads), user functions (own and imported) and the method form.</summary>
public sealed class SignatureHelpTests
{
    private static async Task<SignatureHelp?> HelpAsync(ServerFixture fixture, string annotated)
    {
        var (uri, cursor, _) = await fixture.OpenAsync(annotated);
        return await fixture.Client.RequestAsync<SignatureHelp?>("textDocument/signatureHelp", new SignatureHelpParams(new TextDocumentIdentifier(uri), cursor));
    }

    [Fact]
    public async Task A_built_in_call_shows_its_overloads_and_the_active_parameter()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var help = (await HelpAsync(fixture, "package acme.edit\nconst x = startsWith(\"abc\", |\n")).ShouldNotBeNull();
        help.Signatures.ShouldNotBeEmpty();
        help.Signatures[help.ActiveSignature].Label.ShouldStartWith("startsWith(");
        help.ActiveParameter.ShouldBe(1);
    }

    [Fact]
    public async Task A_user_function_in_the_method_form_counts_the_receiver_as_the_first_parameter()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var help = (await HelpAsync(fixture, "package acme.edit\nfunc pair(a: int, b: string): string = b\nconst y = 1.pair(|)\n")).ShouldNotBeNull();
        help.Signatures.ShouldHaveSingleItem().Label.ShouldBe("pair(a: int, b: string): string");
        help.ActiveParameter.ShouldBe(1);
    }

    [Fact]
    public async Task An_imported_function_is_found_through_its_alias()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var help = (await HelpAsync(fixture, "package acme.edit\nimport acme.lib as lib\nconst z = lib.trusted(|\n")).ShouldNotBeNull();
        help.Signatures.ShouldHaveSingleItem().Label.ShouldBe("trusted(ref: string): bool");
        help.ActiveParameter.ShouldBe(0);
    }

    [Fact]
    public async Task Outside_a_call_there_is_no_help()
    {
        await using var fixture = await ServerFixture.StartAsync();
        (await HelpAsync(fixture, "package acme.edit\nconst z = [1, |]\n")).ShouldBeNull();
    }
}
