// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Binding;
using PolicyLang.LanguageServer.Features.References;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;
using LspTextEdit = PolicyLang.LanguageServer.Protocol.TextEdit;

namespace PolicyLang.LanguageServer.Features.Rename;

/// <summary>
/// <c>textDocument/prepareRename</c> and <c>textDocument/rename</c> for rules, functions, lists, constants, policy
/// parameters and local variables: every reference across the workspace (tests, <c>@overrides</c> and importers
/// included). A new name must be an identifier, not a keyword, and free in the package.
/// </summary>
public sealed partial class RenameHandler : ILspHandler
{
    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;

    public RenameHandler(ICompilationManager manager, RequestGuard guard)
    {
        _manager = manager;
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { RenameProvider = new RenameOptions(PrepareProvider: true) };

    [JsonRpcMethod("textDocument/prepareRename", UseSingleObjectParameterDeserialization = true)]
    public Task<PrepareRenameResult?> PrepareRenameAsync(PrepareRenameParams parameters, CancellationToken cancellationToken) => _guard.RunAsync(
        "textDocument/prepareRename",
        (snapshot, _) =>
        {
            if (snapshot.Find(parameters.TextDocument.Uri) is not { } document)
            {
                return null;
            }

            var analysis = _manager.Analyze(snapshot, document);
            var offset = PositionMapper.ToOffset(analysis.Text, parameters.Position);
            return analysis.Model.SymbolAt(analysis.Tree, offset) is { } reference && IsRenamable(reference.Symbol)
                ? new PrepareRenameResult(PositionMapper.ToRange(analysis.Text, reference.Span), reference.Symbol.Name)
                : null;
        },
        cancellationToken);

    [JsonRpcMethod("textDocument/rename", UseSingleObjectParameterDeserialization = true)]
    public Task<WorkspaceEdit?> RenameAsync(RenameParams parameters, CancellationToken cancellationToken) => _guard.RunAsync(
        "textDocument/rename",
        (snapshot, _) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Rename(_manager, _manager.Analyze(snapshot, document), parameters.Position, parameters.NewName) : null,
        cancellationToken);

    public static WorkspaceEdit? Rename(ICompilationManager manager, DocumentAnalysis analysis, Position position, string newName)
    {
        if (!Identifier().IsMatch(newName) || LanguageFacts.Keywords.Contains(newName))
        {
            throw new LocalRpcException($"'{newName}' is not a valid name: use letters, digits and _ (not starting with a digit), and no keyword") { ErrorCode = LspErrorCodes.RequestFailed };
        }

        var offset = PositionMapper.ToOffset(analysis.Text, position);
        if (ReferenceFinder.Find(manager, analysis, offset) is not { } found || !IsRenamable(found.Symbol))
        {
            throw new LocalRpcException("there is nothing to rename here: rename works on rules, functions, lists, constants, parameters and variables") { ErrorCode = LspErrorCodes.RequestFailed };
        }

        if (found.Symbol is DeclaredSymbol declared && declared.Package.Members.TryGetValue(newName, out var clash) && !ReferenceEquals(clash, declared))
        {
            throw new LocalRpcException($"package {declared.Package.Name} already declares a {clash.KindName} named '{newName}'") { ErrorCode = LspErrorCodes.RequestFailed };
        }

        var changes = found.References
            .GroupBy(r => Shared.SymbolLocations.UriOf(analysis.Snapshot, r.Tree), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LspTextEdit>)g.Select(r => new LspTextEdit(PositionMapper.ToRange(r.Tree.Source, r.Span), newName)).ToArray(), StringComparer.Ordinal);
        return new WorkspaceEdit(changes);
    }

    private static bool IsRenamable(Symbol symbol) =>
        symbol is RuleSymbol or FunctionSymbol or ConstantSymbol or ParamSymbol || symbol is LocalSymbol { Kind: not LocalKind.Index };

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
