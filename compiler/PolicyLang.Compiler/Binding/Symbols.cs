// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Binding;

/// <summary>A named thing the binder resolves names to. Symbols have identity: two symbols are the same only if they are one object.</summary>
public abstract class Symbol
{
    protected Symbol(string name)
    {
        Name = name;
    }

    public string Name { get; }

    /// <summary>What kind of thing it is, in words ("rule", "function", …), for messages and hover.</summary>
    public abstract string KindName { get; }

    public override string ToString() => Name;
}

/// <summary>A symbol declared at the top level of a package, in a file.</summary>
public abstract class DeclaredSymbol : Symbol
{
    protected DeclaredSymbol(string name, PackageSymbol package, SyntaxTree tree, DeclarationSyntax declaration)
        : base(name)
    {
        Package = package;
        Tree = tree;
        Declaration = declaration;
    }

    public PackageSymbol Package { get; }

    public SyntaxTree Tree { get; }

    public DeclarationSyntax Declaration { get; }

    public TextSpan NameSpan => Declaration.Name.Span;

    /// <summary>The qualified name: <c>package.name</c>.</summary>
    public string QualifiedName => Package.Name + "." + Name;

    public string? Documentation => Declaration.Doc;
}

/// <summary>A package: the declarations of every file that names it.</summary>
public sealed class PackageSymbol : Symbol
{
    private readonly Dictionary<string, DeclaredSymbol> _members = new(StringComparer.Ordinal);

    public PackageSymbol(string name)
        : base(name)
    {
    }

    public override string KindName => "package";

    public IReadOnlyDictionary<string, DeclaredSymbol> Members => _members;

    public List<SyntaxTree> Trees { get; } = [];

    /// <summary>The package's tests (named by free text, so not members).</summary>
    public List<TestSymbol> Tests { get; } = [];

    internal bool TryAdd(DeclaredSymbol symbol) => _members.TryAdd(symbol.Name, symbol);
}

public sealed class RuleSymbol : DeclaredSymbol
{
    public RuleSymbol(PackageSymbol package, SyntaxTree tree, RuleDeclarationSyntax declaration, SubjectKind? subject)
        : base(declaration.Name.Name, package, tree, declaration)
    {
        Subject = subject;
    }

    public override string KindName => "rule";

    public new RuleDeclarationSyntax Declaration => (RuleDeclarationSyntax)base.Declaration;

    /// <summary>The subject kind, or null when the declaration names an unknown one.</summary>
    public SubjectKind? Subject { get; }
}

public sealed class FunctionSymbol : DeclaredSymbol
{
    public FunctionSymbol(PackageSymbol package, SyntaxTree tree, FunctionDeclarationSyntax declaration, IReadOnlyList<LocalSymbol> parameters, TypeSymbol? declaredReturnType)
        : base(declaration.Name.Name, package, tree, declaration)
    {
        Parameters = parameters;
        DeclaredReturnType = declaredReturnType;
    }

    public override string KindName => "function";

    public new FunctionDeclarationSyntax Declaration => (FunctionDeclarationSyntax)base.Declaration;

    public IReadOnlyList<LocalSymbol> Parameters { get; }

    /// <summary>The return type as declared, or null when it is inferred from the body.</summary>
    public TypeSymbol? DeclaredReturnType { get; }

    public string Signature(TypeSymbol returnType) => $"{Name}({string.Join(", ", Parameters.Select(p => $"{p.Name}: {p.Type}"))}): {returnType}";
}

/// <summary>A named constant: <c>list</c> or <c>const</c>.</summary>
public sealed class ConstantSymbol : DeclaredSymbol
{
    public ConstantSymbol(PackageSymbol package, SyntaxTree tree, ConstantDeclarationSyntax declaration, TypeSymbol? declaredType)
        : base(declaration.Name.Name, package, tree, declaration)
    {
        DeclaredType = declaredType;
    }

    public override string KindName => ((ConstantDeclarationSyntax)Declaration).IsList ? "list" : "constant";

    public new ConstantDeclarationSyntax Declaration => (ConstantDeclarationSyntax)base.Declaration;

    public TypeSymbol? DeclaredType { get; }
}

/// <summary>A policy parameter, settable from outside.</summary>
public sealed class ParamSymbol : DeclaredSymbol
{
    public ParamSymbol(PackageSymbol package, SyntaxTree tree, ParamDeclarationSyntax declaration, TypeSymbol type)
        : base(declaration.Name.Name, package, tree, declaration)
    {
        Type = type;
    }

    public override string KindName => "parameter";

    public new ParamDeclarationSyntax Declaration => (ParamDeclarationSyntax)base.Declaration;

    public TypeSymbol Type { get; }
}

public sealed class TestSymbol : DeclaredSymbol
{
    public TestSymbol(PackageSymbol package, SyntaxTree tree, TestDeclarationSyntax declaration)
        : base(declaration.Name.Name, package, tree, declaration)
    {
    }

    public override string KindName => "test";

    public new TestDeclarationSyntax Declaration => (TestDeclarationSyntax)base.Declaration;
}

public enum LocalKind
{
    /// <summary>The rule's subject variable.</summary>
    Subject,

    Let,
    Loop,
    FunctionParameter,

    /// <summary>A compiler-made loop counter (for paths).</summary>
    Index,
}

/// <summary>A local variable: subject, let, loop variable or function parameter.</summary>
public sealed class LocalSymbol : Symbol
{
    public LocalSymbol(string name, TypeSymbol type, LocalKind kind, SyntaxTree tree, TextSpan declarationSpan, BoundPath? path = null)
        : base(name)
    {
        Type = type;
        Kind = kind;
        Tree = tree;
        DeclarationSpan = declarationSpan;
        Path = path;
    }

    public override string KindName => Kind switch
    {
        LocalKind.Subject => "subject",
        LocalKind.Let => "variable",
        LocalKind.Loop => "loop variable",
        LocalKind.FunctionParameter => "parameter",
        _ => "index",
    };

    public TypeSymbol Type { get; }

    public LocalKind Kind { get; }

    public SyntaxTree Tree { get; }

    public TextSpan DeclarationSpan { get; }

    /// <summary>Where the variable's value lives in the subject's document, when it does.</summary>
    public BoundPath? Path { get; }
}

/// <summary>An import of a package under a local name.</summary>
public sealed class ImportSymbol : Symbol
{
    public ImportSymbol(string name, PackageSymbol package, ImportSyntax syntax)
        : base(name)
    {
        Package = package;
        Syntax = syntax;
    }

    public override string KindName => "import";

    public PackageSymbol Package { get; }

    public ImportSyntax Syntax { get; }
}
