// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Binding;

/// <summary>
/// Binds every syntax tree of a compilation: declares packages and their members, resolves names across files
/// and imports, type-checks, and produces the bound program. Never throws for bad input; every problem is a
/// diagnostic, and an error yields an error node so that one mistake gives one message.
/// </summary>
internal sealed partial class Binder
{
    internal static readonly string[] SubjectNames = ["manifest", "workload", "admission", "image", "event", "host"];

    private readonly IReadOnlyList<SyntaxTree> _trees;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly List<SymbolReference> _references = [];
    private readonly Dictionary<SyntaxNode, TypeSymbol> _expressionTypes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<SyntaxNode, LocalScope> _scopesAtNodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<string, PackageSymbol> _packages = new(StringComparer.Ordinal);
    private readonly Dictionary<SyntaxTree, FileContext> _files = [];
    private readonly Dictionary<FunctionSymbol, BoundFunction?> _functions = [];
    private readonly Dictionary<ConstantSymbol, BoundConstant?> _constants = [];
    private readonly Dictionary<FunctionSymbol, HashSet<FunctionSymbol>> _calls = [];
    private readonly HashSet<FunctionSymbol> _functionsUsingInventory = [];
    private readonly HashSet<Symbol> _usedSymbols = [];
    private readonly List<LocalSymbol> _declaredLets = [];

    private FileContext _file;
    private DeclarationContext _declaration = DeclarationContext.None;

    public Binder(IReadOnlyList<SyntaxTree> trees)
    {
        _trees = trees;
        _file = new FileContext(new SyntaxTree(new Text.SourceText(string.Empty, string.Empty), new CompilationUnitSyntax(null, [], [], default), [], [], []), new PackageSymbol(string.Empty));
    }

    public BindingResult Bind()
    {
        DeclarePackages();
        foreach (var tree in _trees)
        {
            ResolveImports(tree);
        }

        var packages = new List<BoundPackage>();
        foreach (var package in _packages.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            packages.Add(BindPackage(package));
        }

        ReportRecursion();
        ReportDuplicateRuleIds(packages);
        ReportUnusedImports();
        ReportUnusedParameters(packages);

        return new BindingResult(new BoundProgram(packages), _diagnostics, _references, _expressionTypes, _scopesAtNodes, _packages, _files.ToDictionary(f => f.Key, f => f.Value.Imports));
    }

    // ---- declaration phase ------------------------------------------------------------------------------

    private void DeclarePackages()
    {
        foreach (var tree in _trees)
        {
            var name = tree.PackageName;
            if (tree.Root.Package is null && tree.Root.Declarations.Count > 0)
            {
                _diagnostics.Add(DiagnosticCatalog.MissingPackage(tree.Source, new Text.TextSpan(0, 0), name));
            }

            if (!_packages.TryGetValue(name, out var package))
            {
                _packages[name] = package = new PackageSymbol(name);
            }

            package.Trees.Add(tree);
            _files[tree] = new FileContext(tree, package);
            if (tree.Root.Package is { } packageSyntax)
            {
                _references.Add(new SymbolReference(tree, packageSyntax.Name.Span, package, IsDefinition: true));
            }

            foreach (var declaration in tree.Root.Declarations)
            {
                if (declaration.Name.IsMissing)
                {
                    continue;
                }

                _file = _files[tree];
                DeclaredSymbol symbol = declaration switch
                {
                    RuleDeclarationSyntax rule => new RuleSymbol(package, tree, rule, SubjectOf(rule.Subject.Name)),
                    FunctionDeclarationSyntax function => DeclareFunction(package, tree, function),
                    ConstantDeclarationSyntax constant => new ConstantSymbol(package, tree, constant, constant.Type is null ? null : ResolveType(constant.Type)),
                    ParamDeclarationSyntax param => new ParamSymbol(package, tree, param, ResolveType(param.Type)),
                    TestDeclarationSyntax test => new TestSymbol(package, tree, test),
                    _ => throw new InvalidOperationException("Unknown declaration " + declaration.GetType().Name),
                };

                // Tests are named by free text: two tests may share a title in different files.
                if (symbol is TestSymbol)
                {
                    package.Tests.Add((TestSymbol)symbol);
                    continue;
                }

                if (!package.TryAdd(symbol))
                {
                    var previous = package.Members[symbol.Name];
                    var position = previous.Tree.Source.GetLinePosition(previous.NameSpan.Start);
                    _diagnostics.Add(DiagnosticCatalog.DuplicateDeclaration(tree.Source, declaration.Name.Span, symbol.Name, package.Name, $"{previous.Tree.Source.Path}:{position.Line + 1}"));
                    continue;
                }

                _references.Add(new SymbolReference(tree, declaration.Name.Span, symbol, IsDefinition: true));
            }
        }
    }

    private FunctionSymbol DeclareFunction(PackageSymbol package, SyntaxTree tree, FunctionDeclarationSyntax function)
    {
        var parameters = function.Parameters
            .Select(p => new LocalSymbol(p.Name.Name, ResolveType(p.Type), LocalKind.FunctionParameter, tree, p.Name.Span))
            .ToArray();
        return new FunctionSymbol(package, tree, function, parameters, function.ReturnType is null ? null : ResolveType(function.ReturnType));
    }

    private static SubjectKind? SubjectOf(string name) => name switch
    {
        "manifest" => SubjectKind.Manifest,
        "workload" => SubjectKind.Workload,
        "admission" => SubjectKind.Admission,
        "image" => SubjectKind.Image,
        "event" => SubjectKind.Event,
        "host" => SubjectKind.Host,
        _ => null,
    };

    private void ResolveImports(SyntaxTree tree)
    {
        var file = _files[tree];
        foreach (var import in tree.Root.Imports)
        {
            var name = import.Name.Text;
            if (import.Name.Parts.Any(p => p.IsMissing))
            {
                continue;
            }

            if (!_packages.TryGetValue(name, out var package))
            {
                _diagnostics.Add(DiagnosticCatalog.UnknownPackage(tree.Source, import.Name.Span, name, Suggestions.Closest(name, _packages.Keys)));
                continue;
            }

            if (package == file.Package)
            {
                _diagnostics.Add(DiagnosticCatalog.ImportSelf(tree.Source, import.Name.Span, name));
                continue;
            }

            var symbol = new ImportSymbol(import.LocalName, package, import);
            if (!file.Imports.TryAdd(symbol.Name, symbol))
            {
                _diagnostics.Add(DiagnosticCatalog.DuplicateDeclaration(tree.Source, import.Span, symbol.Name, file.Package.Name, "another import"));
                continue;
            }

            _references.Add(new SymbolReference(tree, import.Name.Span, package, IsDefinition: false));
        }
    }

    // ---- types ------------------------------------------------------------------------------------------

    private TypeSymbol ResolveType(TypeSyntax syntax)
    {
        if (syntax.Name.IsMissing)
        {
            return TypeSymbol.Error;
        }

        var name = syntax.Name.Name;
        TypeSymbol Argument(int index) => index < syntax.Arguments.Count ? ResolveType(syntax.Arguments[index]) : TypeSymbol.Error;
        switch (name)
        {
            case "list" when syntax.Arguments.Count == 1:
                return new ListType(Argument(0));
            case "set" when syntax.Arguments.Count == 1:
                return new SetType(Argument(0));
            case "map" when syntax.Arguments.Count == 2:
                var key = Argument(0);
                if (key != TypeSymbol.String && !key.IsError)
                {
                    _diagnostics.Add(DiagnosticCatalog.UnknownType(_file.Tree.Source, syntax.Arguments[0].Span, $"map<{key}, …>", "string"));
                }

                return new MapType(key, Argument(1));
            case "list" or "set" or "map":
                _diagnostics.Add(DiagnosticCatalog.UnknownType(_file.Tree.Source, syntax.Span, syntax.ToString(), name == "map" ? "map<string, string>" : $"{name}<string>"));
                return TypeSymbol.Error;
        }

        if (syntax.Arguments.Count == 0 && Schemas.FindNamed(name) is { } type)
        {
            return type;
        }

        _diagnostics.Add(DiagnosticCatalog.UnknownType(_file.Tree.Source, syntax.Name.Span, name, Suggestions.Closest(name, Schemas.TypeNames)));
        return TypeSymbol.Error;
    }

    // ---- packages ---------------------------------------------------------------------------------------

    private BoundPackage BindPackage(PackageSymbol package)
    {
        var rules = new List<BoundRule>();
        var functions = new List<BoundFunction>();
        var constants = new List<BoundConstant>();
        var parameters = new List<BoundParam>();
        var tests = new List<BoundTest>();
        string? title = null;
        string? description = null;

        foreach (var tree in package.Trees)
        {
            _file = _files[tree];
            if (tree.Root.Package is { } packageSyntax)
            {
                description ??= packageSyntax.Doc;
                foreach (var annotation in packageSyntax.Annotations)
                {
                    if (annotation.Name.Name == "title" && annotation.Arguments.Count == 1 && ConstantString(annotation.Arguments[0], "@title") is { } t)
                    {
                        title = t;
                    }
                    else if (!annotation.Name.IsMissing)
                    {
                        _diagnostics.Add(DiagnosticCatalog.UnknownAnnotation(tree.Source, annotation.Name.Span, annotation.Name.Name, Suggestions.Closest(annotation.Name.Name, ["title"])));
                    }
                }
            }

            foreach (var declaration in tree.Root.Declarations)
            {
                if (declaration.Name.IsMissing && declaration is not TestDeclarationSyntax)
                {
                    continue;
                }

                switch (declaration)
                {
                    case RuleDeclarationSyntax rule when package.Members.GetValueOrDefault(rule.Name.Name) is RuleSymbol symbol && symbol.Declaration == rule:
                        if (BindRule(symbol) is { } bound)
                        {
                            rules.Add(bound);
                        }

                        break;
                    case FunctionDeclarationSyntax function when package.Members.GetValueOrDefault(function.Name.Name) is FunctionSymbol symbol && symbol.Declaration == function:
                        if (BindFunction(symbol) is { } boundFunction)
                        {
                            functions.Add(boundFunction);
                        }

                        break;
                    case ConstantDeclarationSyntax constant when package.Members.GetValueOrDefault(constant.Name.Name) is ConstantSymbol symbol && symbol.Declaration == constant:
                        if (BindConstant(symbol) is { } boundConstant)
                        {
                            constants.Add(boundConstant);
                        }

                        break;
                    case ParamDeclarationSyntax param when package.Members.GetValueOrDefault(param.Name.Name) is ParamSymbol symbol && symbol.Declaration == param:
                        parameters.Add(BindParam(symbol));
                        break;
                    case TestDeclarationSyntax test when package.Tests.FirstOrDefault(t => t.Declaration == test) is { } symbol:
                        tests.Add(BindTest(symbol));
                        break;
                    default:
                        // A duplicate: reported when declared; bind it anyway for its own diagnostics.
                        break;
                }
            }
        }

        return new BoundPackage(package, rules, functions, constants, parameters, tests, title, description);
    }

    private BoundParam BindParam(ParamSymbol symbol)
    {
        if (symbol.Declaration.Default is not { } syntax)
        {
            return new BoundParam(symbol, null);
        }

        _declaration = DeclarationContext.Constant(symbol);
        var value = BindExpression(syntax, new LocalScope(null));
        _declaration = DeclarationContext.None;
        RequireConstant(value, $"the default of parameter '{symbol.Name}'");
        return new BoundParam(symbol, ConvertTo(value, symbol.Type, () => DiagnosticCatalog.DefaultTypeMismatch(_file.Tree.Source, syntax.Span, $"parameter '{symbol.Name}'", symbol.Type.Name, value.Type.Name)));
    }

    private BoundConstant? BindConstant(ConstantSymbol symbol)
    {
        if (_constants.TryGetValue(symbol, out var existing))
        {
            if (existing is null)
            {
                _diagnostics.Add(DiagnosticCatalog.CircularConstant(symbol.Tree.Source, symbol.NameSpan, symbol.Name));
            }

            return existing;
        }

        _constants[symbol] = null;
        var savedFile = _file;
        var savedDeclaration = _declaration;
        _file = _files[symbol.Tree];
        _declaration = DeclarationContext.Constant(symbol);
        var value = BindExpression(symbol.Declaration.Value, new LocalScope(null));
        RequireConstant(value, $"the value of '{symbol.Name}'");
        if (symbol.DeclaredType is { } declared)
        {
            value = ConvertTo(value, declared, () => DiagnosticCatalog.DefaultTypeMismatch(_file.Tree.Source, symbol.Declaration.Value.Span, $"'{symbol.Name}'", declared.Name, value.Type.Name));
        }
        else if (symbol.Declaration.IsList && value.Type is not ListType and not ErrorType)
        {
            _diagnostics.Add(DiagnosticCatalog.DefaultTypeMismatch(_file.Tree.Source, symbol.Declaration.Value.Span, $"list '{symbol.Name}'", "a list", value.Type.Name));
        }

        _file = savedFile;
        _declaration = savedDeclaration;
        var bound = new BoundConstant(symbol, value);
        _constants[symbol] = bound;
        return bound;
    }

    private void RequireConstant(BoundExpression value, string what)
    {
        if (!value.IsConstant && !value.Type.IsError)
        {
            _diagnostics.Add(DiagnosticCatalog.NonConstant(_file.Tree.Source, value.Syntax.Span, what));
        }
    }

    private string? ConstantString(ExpressionSyntax syntax, string what)
    {
        var bound = BindExpression(syntax, new LocalScope(null));
        if (ConstantEvaluator.TryEvaluate(bound, out var value) && value is string text)
        {
            return text;
        }

        if (!bound.Type.IsError)
        {
            _diagnostics.Add(DiagnosticCatalog.InvalidAnnotation(_file.Tree.Source, syntax.Span, what.TrimStart('@'), "takes a constant string"));
        }

        return null;
    }

    // ---- whole-program checks ---------------------------------------------------------------------------

    private void ReportRecursion()
    {
        var reported = new HashSet<FunctionSymbol>();
        foreach (var function in _calls.Keys)
        {
            var path = FindCycle(function, function, [], []);
            if (path is not null && reported.Add(function))
            {
                _diagnostics.Add(DiagnosticCatalog.RecursiveFunction(function.Tree.Source, function.NameSpan, function.Name, string.Join(" → ", path.Select(p => p.Name))));
            }
        }
    }

    private List<FunctionSymbol>? FindCycle(FunctionSymbol start, FunctionSymbol current, HashSet<FunctionSymbol> visited, List<FunctionSymbol> path)
    {
        if (!_calls.TryGetValue(current, out var callees))
        {
            return null;
        }

        foreach (var callee in callees)
        {
            if (callee == start)
            {
                return [.. path, current, callee];
            }

            if (visited.Add(callee) && FindCycle(start, callee, visited, [.. path, current]) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private void ReportDuplicateRuleIds(List<BoundPackage> packages)
    {
        var seen = new Dictionary<string, RuleSymbol>(StringComparer.Ordinal);
        foreach (var rule in packages.SelectMany(p => p.Rules))
        {
            if (seen.TryGetValue(rule.Metadata.Id, out var other))
            {
                var span = rule.Symbol.Declaration.Annotations.FirstOrDefault(a => a.Name.Name == "id")?.Span ?? rule.Symbol.NameSpan;
                _diagnostics.Add(DiagnosticCatalog.DuplicateRuleId(rule.Symbol.Tree.Source, span, rule.Metadata.Id, other.QualifiedName));
            }
            else
            {
                seen[rule.Metadata.Id] = rule.Symbol;
            }
        }
    }

    private void ReportUnusedImports()
    {
        foreach (var file in _files.Values)
        {
            foreach (var import in file.Imports.Values)
            {
                if (!file.UsedImports.Contains(import))
                {
                    _diagnostics.Add(DiagnosticCatalog.UnusedImport(file.Tree.Source, import.Syntax.Span, import.Package.Name));
                }
            }
        }
    }

    private void ReportUnusedParameters(List<BoundPackage> packages)
    {
        foreach (var param in packages.SelectMany(p => p.Parameters))
        {
            if (!_usedSymbols.Contains(param.Symbol))
            {
                _diagnostics.Add(DiagnosticCatalog.UnusedParameter(param.Symbol.Tree.Source, param.Symbol.NameSpan, param.Symbol.Name));
            }
        }
    }

    /// <summary>What the binder is inside of: rules and functions may read the subject and parameters; constants may not.</summary>
    private sealed record DeclarationContext(DeclaredSymbol? Symbol, bool IsConstant, RuleState? Rule)
    {
        public static readonly DeclarationContext None = new(null, false, null);

        public static DeclarationContext Constant(DeclaredSymbol symbol) => new(symbol, true, null);
    }

    /// <summary>Facts gathered while binding one rule.</summary>
    private sealed class RuleState
    {
        public RuleState(SubjectKind subject, ObjectType? typedModel)
        {
            Subject = subject;
            TypedModel = typedModel;
        }

        public SubjectKind Subject { get; }

        public ObjectType? TypedModel { get; }

        public bool UsesInventory { get; set; }

        public HashSet<Runtime.Findings.FindingAction> Actions { get; } = [];
    }

    /// <summary>The package and imports of the file being bound.</summary>
    internal sealed class FileContext
    {
        public FileContext(SyntaxTree tree, PackageSymbol package)
        {
            Tree = tree;
            Package = package;
        }

        public SyntaxTree Tree { get; }

        public PackageSymbol Package { get; }

        public Dictionary<string, ImportSymbol> Imports { get; } = new(StringComparer.Ordinal);

        public HashSet<ImportSymbol> UsedImports { get; } = [];
    }
}
