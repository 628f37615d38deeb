// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Syntax;
using PolicyLang.LanguageServer.Features.Commands;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;
using LspCodeLens = PolicyLang.LanguageServer.Protocol.CodeLens;

namespace PolicyLang.LanguageServer.Features.CodeLens;

/// <summary><c>textDocument/codeLens</c>: "Evaluate against a file…" above each rule, running the extension's <see cref="CommandNames.EvaluatePolicy"/>.</summary>
public sealed class CodeLensHandler : ILspHandler
{
    public const string EvaluateTitle = "Evaluate against a file…";

    private readonly RequestGuard _guard;

    public CodeLensHandler(RequestGuard guard)
    {
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { CodeLensProvider = new CodeLensOptions(ResolveProvider: false) };

    [JsonRpcMethod("textDocument/codeLens", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<LspCodeLens>> CodeLensAsync(CodeLensParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("textDocument/codeLens", (snapshot, _) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Lenses(document) : [], cancellationToken);

    public static IReadOnlyList<LspCodeLens> Lenses(PolicyDocument document) =>
        document.Tree.Root.Declarations.OfType<RuleDeclarationSyntax>()
            .Where(r => !r.Name.IsMissing)
            .Select(r => new LspCodeLens(PositionMapper.ToRange(document.Text, new Compiler.Text.TextSpan(r.Span.Start, 0)), new Command(EvaluateTitle, CommandNames.EvaluatePolicy, [document.Uri])))
            .ToArray();
}
