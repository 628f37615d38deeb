// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;
using LspTextEdit = PolicyLang.LanguageServer.Protocol.TextEdit;

namespace PolicyLang.LanguageServer.Features.Formatting;

/// <summary>
/// <c>textDocument/formatting</c> and <c>rangeFormatting</c> with the compiler's formatter, in its canonical style
/// (the editor's tab size is not applied, so that the editor and <c>policylang fmt</c> always agree). A document
/// with syntax errors is left as it is.
/// </summary>
public sealed class FormattingHandler : ILspHandler
{
    private readonly RequestGuard _guard;

    public FormattingHandler(RequestGuard guard)
    {
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { DocumentFormattingProvider = true, DocumentRangeFormattingProvider = true };

    [JsonRpcMethod("textDocument/formatting", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<LspTextEdit>> FormatAsync(DocumentFormattingParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("textDocument/formatting", (snapshot, _) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Format(document) : [], cancellationToken);

    [JsonRpcMethod("textDocument/rangeFormatting", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<LspTextEdit>> FormatRangeAsync(DocumentRangeFormattingParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("textDocument/rangeFormatting", (snapshot, _) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? FormatRange(document, parameters.Range) : [], cancellationToken);

    public static IReadOnlyList<LspTextEdit> Format(PolicyDocument document)
    {
        var formatted = PolicyFormatter.Format(document.Tree);
        if (formatted == document.Text.Text)
        {
            return [];
        }

        return [new LspTextEdit(PositionMapper.ToRange(document.Text, new Compiler.Text.TextSpan(0, document.Text.Length)), formatted)];
    }

    public static IReadOnlyList<LspTextEdit> FormatRange(PolicyDocument document, Protocol.Range range) =>
        PolicyFormatter.FormatRange(document.Tree, PositionMapper.ToSpan(document.Text, range))
            .Select(e => new LspTextEdit(PositionMapper.ToRange(document.Text, e.Span), e.NewText))
            .ToArray();
}
