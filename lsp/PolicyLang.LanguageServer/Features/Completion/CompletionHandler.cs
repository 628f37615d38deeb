// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Builtins;
using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using PolicyLang.Compiler.Types;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using PolicyLang.Runtime.Subjects;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.Completion;

/// <summary>
/// <c>textDocument/completion</c>. The place is read from the tokens before the cursor; what is in scope and the
/// type before a dot come from the semantic model of a speculative copy of the document with a placeholder name at
/// the cursor (so an unfinished <c>c.securityContext.</c> still binds). Offers: keywords and snippets in context;
/// variables, functions, lists, parameters and imports in scope; after a dot every field of the receiver's type
/// (Kubernetes fields with their types and API docs), functions usable in the method form, or an imported package's
/// members; built-ins with signatures; severities, subjects, scopes, admission operations, kinds and the known
/// values of fields.
/// </summary>
public sealed class CompletionHandler : ILspHandler
{
    /// <summary>The name inserted at the cursor in the speculative copy.</summary>
    public const string Placeholder = "__policylang_completion__";

    private static readonly string[] TopLevelKeywords = ["package", "import", "rule", "func", "list", "const", "param", "test"];

    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;

    public CompletionHandler(ICompilationManager manager, RequestGuard guard)
    {
        _manager = manager;
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { CompletionProvider = new CompletionOptions([".", "@", "\""], ResolveProvider: false) };

    [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
    public Task<CompletionList> CompletionAsync(CompletionParams parameters, CancellationToken cancellationToken) => _guard.RunAsync(
        "textDocument/completion",
        (snapshot, token) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Complete(_manager.Analyze(snapshot, document), parameters.Position, token) : new CompletionList(false, []),
        cancellationToken);

    public static CompletionList Complete(DocumentAnalysis analysis, Position position, CancellationToken cancellationToken = default)
    {
        var offset = PositionMapper.ToOffset(analysis.Text, position);
        var context = CompletionContext.Find(analysis.Tree, offset);
        var items = new List<CompletionItem>();
        switch (context.Place)
        {
            case CompletionPlace.None:
                break;
            case CompletionPlace.Member:
                Members(Speculate(analysis, offset, cancellationToken), offset, items);
                break;
            case CompletionPlace.Annotation:
                items.AddRange(LanguageFacts.RuleAnnotations.Select(a => CompletionItems.Keyword(a, "annotation")));
                break;
            case CompletionPlace.Severity:
                items.AddRange(LanguageFacts.Severities.Select(s => CompletionItems.Value(s, "severity", quoted: false)));
                break;
            case CompletionPlace.Subject:
                items.AddRange(LanguageFacts.Subjects.Select(s => CompletionItems.Value(s, "subject", quoted: false)));
                break;
            case CompletionPlace.Package:
                items.AddRange(analysis.Snapshot.PackageNames.Where(p => p != analysis.Tree.PackageName).Order(StringComparer.Ordinal).Select(p => CompletionItems.Value(p, "package", quoted: false)));
                break;
            case CompletionPlace.Scope:
                items.AddRange(LanguageFacts.Scopes.Select(s => CompletionItems.Keyword(s, "scope")));
                break;
            case CompletionPlace.FixtureSubject:
                items.AddRange(LanguageFacts.FixtureSubjects.Select(s => CompletionItems.Value(s, "fixture kind", quoted: false)));
                break;
            case CompletionPlace.ExpectationKind:
                items.AddRange(LanguageFacts.ExpectationKinds.Select(s => CompletionItems.Value(s, "expectation", quoted: false)));
                break;
            case CompletionPlace.ExpectedRule:
                Rules(analysis, items);
                break;
            case CompletionPlace.TestParameter:
                Parameters(analysis, items);
                break;
            case CompletionPlace.Type:
                items.AddRange(Schemas.TypeNames.Distinct().Order(StringComparer.Ordinal).Select(CompletionItems.Type));
                break;
            case CompletionPlace.KindValue:
                items.AddRange(KubernetesKinds.KindNames.Order(StringComparer.Ordinal).Select(k => CompletionItems.Value(k, "Kubernetes kind", quoted: !context.InString)));
                break;
            case CompletionPlace.OperationValue:
                items.AddRange(LanguageFacts.AdmissionOperations.Select(o => CompletionItems.Value(o, "admission operation", quoted: !context.InString)));
                break;
            case CompletionPlace.StringValue:
                KnownValuesOfString(analysis, offset, items);
                break;
            default:
                Code(analysis, context, offset, items, cancellationToken);
                break;
        }

        return new CompletionList(false, items.DistinctBy(i => i.Label).ToArray());
    }

    /// <summary>The document with the placeholder at the cursor, bound with the rest of its compilation.</summary>
    private static (SyntaxTree Tree, SemanticModel Model) Speculate(DocumentAnalysis analysis, int offset, CancellationToken cancellationToken)
    {
        var text = analysis.Text.Text.Insert(offset, Placeholder);
        var tree = PolicyParser.Parse(new SourceText(analysis.Text.Path, text));
        cancellationToken.ThrowIfCancellationRequested();
        return (tree, analysis.Compilation.ReplaceSyntaxTree(analysis.Tree, tree).GetSemanticModel());
    }

    private static void Members((SyntaxTree Tree, SemanticModel Model) speculative, int offset, List<CompletionItem> items)
    {
        var (tree, model) = speculative;
        if (model.ReceiverAt(tree, offset) is not { } receiver)
        {
            return;
        }

        if (receiver.Package is { } package)
        {
            items.AddRange(package.Members.Values.Where(m => m is not RuleSymbol).OrderBy(m => m.Name, StringComparer.Ordinal).Select(m => CompletionItems.Symbol(m, model)).OfType<CompletionItem>());
            return;
        }

        if (receiver.Type is not { } type || type.IsError)
        {
            return;
        }

        if (type is ObjectType objectType)
        {
            items.AddRange(objectType.Fields.Values.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => CompletionItems.Field(f, objectType)));
        }

        // The method form: receiver.f(args) is f(receiver, args).
        if (type is not DynamicType)
        {
            items.AddRange(BuiltinCatalog.All.Where(f => f.Overloads.Any(o => o.Parameters.Count > 0 && Accepts(o.Parameters[0].Type, type))).OrderBy(f => f.Name, StringComparer.Ordinal).Select(CompletionItems.Builtin));
            if (model.PackageOf(tree) is { } own)
            {
                items.AddRange(own.Members.Values.OfType<FunctionSymbol>().Where(f => f.Parameters.Count > 0 && Accepts(f.Parameters[0].Type, type)).Select(f => CompletionItems.Symbol(f, model)).OfType<CompletionItem>());
            }
        }
    }

    /// <summary>Whether a parameter of this type takes the receiver (type variables take anything; collections by shape).</summary>
    private static bool Accepts(TypeSymbol parameter, TypeSymbol argument) => (parameter, argument) switch
    {
        (TypeVariable, _) => true,
        (DynamicType, _) => true,
        (ListType p, ListType a) => Accepts(p.Element, a.Element),
        (SetType p, SetType a) => Accepts(p.Element, a.Element),
        (MapType p, MapType a) => Accepts(p.Key, a.Key) && Accepts(p.Value, a.Value),
        _ => parameter == argument || (parameter == TypeSymbol.Float && argument == TypeSymbol.Int),
    };

    private static void Code(DocumentAnalysis analysis, CompletionContext context, int offset, List<CompletionItem> items, CancellationToken cancellationToken)
    {
        // Top-level declarations start in column 0: an indented line or an open brace means the cursor is inside one.
        var declaration = analysis.Tree.Root.Declarations.LastOrDefault(d => d.Span.Start < context.WordStart);
        var column = analysis.Text.GetLinePosition(context.WordStart).Character;
        var inside = declaration is not null && (context.WordStart < declaration.Span.End || IsInsideBraces(analysis.Tree, context.WordStart) || (column > 0 && analysis.Text.Text[context.WordStart - column] is ' ' or '\t'));
        if (declaration is null || !inside)
        {
            items.AddRange(Snippets.Declarations.Select(s => CompletionItems.Snippet(s)));
            items.AddRange(TopLevelKeywords.Select(k => CompletionItems.Keyword(k)));
            return;
        }

        if (declaration is TestDeclarationSyntax)
        {
            items.AddRange(Snippets.TestStatements.Select(s => CompletionItems.Snippet(s)));
            return;
        }

        var (tree, model) = Speculate(analysis, offset, cancellationToken);
        KnownValuesOfComparison(tree, model, offset, items);
        foreach (var symbol in model.SymbolsInScope(tree, offset))
        {
            if (symbol is RuleSymbol || symbol.Name == Placeholder)
            {
                continue;
            }

            if (CompletionItems.Symbol(symbol, model) is { } item)
            {
                items.Add(item);
            }
        }

        items.AddRange(BuiltinCatalog.All.OrderBy(f => f.Name, StringComparer.Ordinal).Select(CompletionItems.Builtin));
        items.AddRange(LanguageFacts.IntrinsicFunctions.Select(f => CompletionItems.Keyword(f, "language function") with { Kind = CompletionItemKind.Function, SortText = CompletionItems.BuiltinGroup + f }));
        items.AddRange(Snippets.Expressions.Select(s => CompletionItems.Snippet(s)));
        items.AddRange(Snippets.ValueKeywords.Select(k => CompletionItems.Keyword(k)));
        if (declaration is RuleDeclarationSyntax rule)
        {
            items.AddRange(Snippets.Statements.Select(s => CompletionItems.Snippet(s)));
            if (rule.Body.Span.Start >= context.WordStart || rule.Body is not BlockStatementSyntax)
            {
                items.AddRange(Snippets.RuleClauses.Select(s => CompletionItems.Snippet(s)));
            }
        }
    }

    private static bool IsInsideBraces(SyntaxTree tree, int offset)
    {
        var depth = 0;
        foreach (var token in tree.Tokens)
        {
            if (token.Span.Start >= offset)
            {
                break;
            }

            depth += token.Text switch
            {
                "{" => 1,
                "}" => -1,
                _ => 0,
            };
        }

        return depth > 0;
    }

    /// <summary>After <c>field ==</c> or <c>field !=</c>: the values the schema knows the field takes.</summary>
    private static void KnownValuesOfComparison(SyntaxTree tree, SemanticModel model, int offset, List<CompletionItem> items)
    {
        var comparison = SemanticModel.NodesAt(tree, offset).OfType<BinaryExpressionSyntax>().LastOrDefault(b => b.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual && b.Right.Span.ContainsOrTouches(offset));
        if (comparison?.Left is MemberAccessExpressionSyntax left && model.FieldAt(tree, left.Member.Span.Start) is { Field.KnownValues.Count: > 0 } field)
        {
            items.AddRange(field.Field.KnownValues.Select(v => CompletionItems.Value(v, $"{field.Owner.Name}.{field.Field.Name}", quoted: true)));
        }
    }

    /// <summary>Inside a string compared with a field: the field's known values, unquoted.</summary>
    private static void KnownValuesOfString(DocumentAnalysis analysis, int offset, List<CompletionItem> items)
    {
        var comparison = SemanticModel.NodesAt(analysis.Tree, offset).OfType<BinaryExpressionSyntax>().LastOrDefault(b => b.Operator is BinaryOperator.Equal or BinaryOperator.NotEqual);
        if (comparison?.Left is MemberAccessExpressionSyntax left && analysis.Model.FieldAt(analysis.Tree, left.Member.Span.Start) is { Field.KnownValues.Count: > 0 } field)
        {
            items.AddRange(field.Field.KnownValues.Select(v => CompletionItems.Value(v, $"{field.Owner.Name}.{field.Field.Name}", quoted: false)));
        }
    }

    private static void Rules(DocumentAnalysis analysis, List<CompletionItem> items)
    {
        var model = analysis.Model;
        if (model.PackageOf(analysis.Tree) is { } own)
        {
            items.AddRange(own.Members.Values.OfType<RuleSymbol>().Select(r => CompletionItems.Symbol(r, model)).OfType<CompletionItem>());
        }

        foreach (var import in model.ImportsOf(analysis.Tree).Values)
        {
            items.AddRange(import.Package.Members.Values.OfType<RuleSymbol>().Select(r => CompletionItems.Symbol(r, model) is { } item ? item with { Label = $"{import.Name}.{r.Name}", SortText = CompletionItems.MemberGroup + "~" + r.Name } : null).OfType<CompletionItem>());
        }
    }

    private static void Parameters(DocumentAnalysis analysis, List<CompletionItem> items)
    {
        var model = analysis.Model;
        if (model.PackageOf(analysis.Tree) is { } own)
        {
            items.AddRange(own.Members.Values.OfType<ParamSymbol>().Select(p => CompletionItems.Symbol(p, model)).OfType<CompletionItem>());
        }

        foreach (var import in model.ImportsOf(analysis.Tree).Values)
        {
            items.AddRange(import.Package.Members.Values.OfType<ParamSymbol>().Select(p => CompletionItems.Symbol(p, model) is { } item ? item with { Label = $"{import.Name}.{p.Name}" } : null).OfType<CompletionItem>());
        }
    }
}
