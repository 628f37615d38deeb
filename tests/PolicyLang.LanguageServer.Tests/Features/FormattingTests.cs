// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting;
using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Text;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using FormattingOptions = PolicyLang.LanguageServer.Protocol.FormattingOptions;
using Range = PolicyLang.LanguageServer.Protocol.Range;
using TextEdit = PolicyLang.LanguageServer.Protocol.TextEdit;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Formatting, full and range, with the compiler's formatter (what <c>policylang fmt</c> writes).</summary>
public sealed class FormattingTests
{
    private const string Messy = "package   acme.fmt\nconst   a=1\n\n\n\nconst b   =   [1,2,3]\n";

    [Fact]
    public async Task Full_formatting_replaces_the_document_with_the_formatter_output()
    {
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:fmt";
        await client.OpenAsync(uri, Messy);
        var edits = await client.RequestAsync<List<TextEdit>>("textDocument/formatting", new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(4, true)));
        var edit = edits.ShouldHaveSingleItem();
        edit.NewText.ShouldBe(PolicyFormatter.Format(PolicyParser.Parse(new SourceText(uri, Messy))));
        edit.NewText.ShouldBe("package acme.fmt\n\nconst a = 1\n\nconst b = [1, 2, 3]\n");
        edit.Range.Start.ShouldBe(new Position(0, 0));

        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent(edit.NewText));
        (await client.RequestAsync<List<TextEdit>>("textDocument/formatting", new DocumentFormattingParams(new TextDocumentIdentifier(uri)))).ShouldBeEmpty();
    }

    [Fact]
    public async Task Range_formatting_touches_only_the_declarations_in_the_range()
    {
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:range";
        await client.OpenAsync(uri, Messy);
        var edits = await client.RequestAsync<List<TextEdit>>("textDocument/rangeFormatting", new DocumentRangeFormattingParams(new TextDocumentIdentifier(uri), new Range(new Position(5, 0), new Position(5, 3))));
        var edit = edits.ShouldHaveSingleItem();
        edit.NewText.ShouldBe("const b = [1, 2, 3]");
        edit.Range.Start.Line.ShouldBe(5);
    }

    [Fact]
    public async Task A_document_with_syntax_errors_is_left_alone()
    {
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:broken";
        await client.OpenAsync(uri, "package x\nconst = = =\n");
        (await client.RequestAsync<List<TextEdit>>("textDocument/formatting", new DocumentFormattingParams(new TextDocumentIdentifier(uri)))).ShouldBeEmpty();
    }
}
