// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using PolicyLang.LanguageServer.Features.Diagnostics;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;
using LspCodeAction = PolicyLang.LanguageServer.Protocol.CodeAction;
using LspTextEdit = PolicyLang.LanguageServer.Protocol.TextEdit;

namespace PolicyLang.LanguageServer.Features.CodeActions;

/// <summary>
/// <c>textDocument/codeAction</c>: the compiler's did-you-mean fixes (field, function, rule, name, package, …) and
/// the removal of unused imports; "add import" for a name used as a package that the workspace declares; and
/// "add exception for this rule" (an <c>except when … because …</c> clause) on a rule.
/// </summary>
public sealed class CodeActionsHandler : ILspHandler
{
    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;

    public CodeActionsHandler(ICompilationManager manager, RequestGuard guard)
    {
        _manager = manager;
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with
    {
        CodeActionProvider = new CodeActionOptions([CodeActionKinds.QuickFix, CodeActionKinds.Refactor + ".rewrite"]),
    };

    [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
    public Task<IReadOnlyList<LspCodeAction>> CodeActionsAsync(CodeActionParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("textDocument/codeAction", (snapshot, _) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Actions(_manager.Analyze(snapshot, document), parameters.Range) : [], cancellationToken);

    public static IReadOnlyList<LspCodeAction> Actions(DocumentAnalysis analysis, Protocol.Range range)
    {
        var text = analysis.Text;
        var span = PositionMapper.ToSpan(text, range);
        var actions = new List<LspCodeAction>();
        foreach (var diagnostic in analysis.Diagnostics.Where(d => Overlaps(d.Span, span)))
        {
            var lsp = DiagnosticConverter.ToLsp(diagnostic);
            if (diagnostic.Fix is { } fix)
            {
                actions.Add(new LspCodeAction(fix.Title, CodeActionKinds.QuickFix, Edit(analysis, [new LspTextEdit(PositionMapper.ToRange(text, fix.Span), fix.Replacement)]), [lsp], IsPreferred: true));
            }

            if (diagnostic.Descriptor == DiagnosticCatalog.UnknownNameDescriptor || diagnostic.Descriptor == DiagnosticCatalog.UnknownFunctionDescriptor)
            {
                actions.AddRange(AddImports(analysis, diagnostic, lsp));
            }
        }

        if (AddException(analysis, span) is { } exception)
        {
            actions.Add(exception);
        }

        return actions;
    }

    private static bool Overlaps(TextSpan a, TextSpan b) => a.Start <= b.End && b.Start <= a.End;

    /// <summary>For <c>name.member</c> or <c>name.f(…)</c> where <c>name</c> is no import: the workspace packages it could mean.</summary>
    private static IEnumerable<LspCodeAction> AddImports(DocumentAnalysis analysis, Compiler.Diagnostics.Diagnostic diagnostic, Protocol.Diagnostic lsp)
    {
        var nodes = SemanticModel.NodesAt(analysis.Tree, diagnostic.Span.Start);
        var (alias, member) = nodes.Reverse().Select(n => n switch
        {
            MemberAccessExpressionSyntax { Target: NameExpressionSyntax target } access when target.Name.Span == diagnostic.Span => ((string?)target.Name.Name, (string?)access.Member.Name),
            CallExpressionSyntax { Receiver: NameExpressionSyntax receiver } call when receiver.Name.Span == diagnostic.Span => (receiver.Name.Name, call.Function.Name),
            _ => (null, null),
        }).FirstOrDefault(p => p.Item1 is not null);
        if (alias is null || member is null)
        {
            yield break;
        }

        var own = analysis.Tree.PackageName;
        var imported = analysis.Tree.Root.Imports.Select(i => i.Name.Text).ToHashSet(StringComparer.Ordinal);
        var candidates = analysis.Snapshot.PackageNames
            .Where(p => p != own && !imported.Contains(p))
            .Select(p => (Package: p, LastPart: p.Split('.')[^1]))
            .Where(p => p.LastPart == alias || DeclaresMember(analysis.Snapshot, p.Package, member, analysis.Document.Directory))
            .OrderBy(p => p.LastPart == alias ? 0 : 1)
            .ThenBy(p => p.Package, StringComparer.Ordinal)
            .Take(5);
        foreach (var (package, lastPart) in candidates)
        {
            var line = lastPart == alias ? $"import {package}" : $"import {package} as {alias}";
            yield return new LspCodeAction($"Add '{line}'", CodeActionKinds.QuickFix, Edit(analysis, [ImportEdit(analysis, line)]), [lsp]);
        }
    }

    private static bool DeclaresMember(WorkspaceSnapshot snapshot, string package, string member, string nearDirectory) =>
        snapshot.PackageDocuments(package, nearDirectory).Any(d => d.Tree.Root.Declarations.Any(x => x.Name.Name == member && x is not TestDeclarationSyntax));

    private static LspTextEdit ImportEdit(DocumentAnalysis analysis, string line)
    {
        var root = analysis.Tree.Root;
        var text = analysis.Text;
        if (root.Imports.Count > 0)
        {
            var at = root.Imports[^1].Span.End;
            return new LspTextEdit(PositionMapper.ToRange(text, new TextSpan(at, 0)), "\n" + line);
        }

        if (root.Package is { } package)
        {
            var at = package.Span.End;
            return new LspTextEdit(PositionMapper.ToRange(text, new TextSpan(at, 0)), "\n\n" + line);
        }

        return new LspTextEdit(PositionMapper.ToRange(text, new TextSpan(0, 0)), line + "\n\n");
    }

    /// <summary>On a rule: a new <c>except when … because …</c> clause after its header (and its other clauses).</summary>
    private static LspCodeAction? AddException(DocumentAnalysis analysis, TextSpan span)
    {
        var rule = analysis.Tree.Root.Declarations.OfType<RuleDeclarationSyntax>().FirstOrDefault(r => r.Span.ContainsOrTouches(span.Start));
        if (rule is null || rule.Name.IsMissing || rule.Variable.IsMissing)
        {
            return null;
        }

        var after = rule.Clauses.Count > 0 ? rule.Clauses[^1].Span.End : rule.Variable.Span.End;
        var indent = new string(' ', 2);
        var clause = $"\n{indent}except when {ExceptionTemplates.ConditionFor(rule.Subject.Name, rule.Variable.Name)} because \"{ExceptionTemplates.Reason}\"";
        var edit = new LspTextEdit(PositionMapper.ToRange(analysis.Text, new TextSpan(after, 0)), clause);
        return new LspCodeAction($"Add exception for rule '{rule.Name.Name}'", CodeActionKinds.Refactor + ".rewrite", Edit(analysis, [edit]));
    }

    private static WorkspaceEdit Edit(DocumentAnalysis analysis, IReadOnlyList<LspTextEdit> edits) =>
        new(new Dictionary<string, IReadOnlyList<LspTextEdit>> { [analysis.Document.Uri] = edits });
}
