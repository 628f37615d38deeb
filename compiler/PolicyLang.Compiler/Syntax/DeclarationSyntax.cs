// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Syntax;

/// <summary>A top-level declaration: rule, function, list/constant, parameter or test.</summary>
public abstract record DeclarationSyntax(IReadOnlyList<AnnotationSyntax> Annotations, string? Doc, IdentifierSyntax Name, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>rule name on subject variable [clauses] body</c>.</summary>
public sealed record RuleDeclarationSyntax(
    IReadOnlyList<AnnotationSyntax> Annotations,
    string? Doc,
    IdentifierSyntax Name,
    IdentifierSyntax Subject,
    IdentifierSyntax Variable,
    IReadOnlyList<RuleClauseSyntax> Clauses,
    StatementSyntax Body,
    TextSpan Span) : DeclarationSyntax(Annotations, Doc, Name, Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Annotations, Name, Subject, Variable, Clauses, Body);
}

/// <summary><c>func name(params): type = expr</c> or with a block of lets and a final expression.</summary>
public sealed record FunctionDeclarationSyntax(
    IReadOnlyList<AnnotationSyntax> Annotations,
    string? Doc,
    IdentifierSyntax Name,
    IReadOnlyList<ParameterSyntax> Parameters,
    TypeSyntax? ReturnType,
    IReadOnlyList<LetStatementSyntax> Lets,
    ExpressionSyntax Body,
    bool HasBlockBody,
    TextSpan Span) : DeclarationSyntax(Annotations, Doc, Name, Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Annotations, Name, Parameters, ReturnType, Lets, Body);
}

/// <summary>A function parameter <c>name: type</c>.</summary>
public sealed record ParameterSyntax(IdentifierSyntax Name, TypeSyntax Type, TextSpan Span) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Name, Type);
}

/// <summary><c>list name = [..]</c> or <c>const name = expr</c>: a named constant.</summary>
public sealed record ConstantDeclarationSyntax(
    IReadOnlyList<AnnotationSyntax> Annotations,
    string? Doc,
    IdentifierSyntax Name,
    bool IsList,
    TypeSyntax? Type,
    ExpressionSyntax Value,
    TextSpan Span) : DeclarationSyntax(Annotations, Doc, Name, Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Annotations, Name, Type, Value);
}

/// <summary><c>param name: type [= default]</c>: a value that can be set from outside.</summary>
public sealed record ParamDeclarationSyntax(
    IReadOnlyList<AnnotationSyntax> Annotations,
    string? Doc,
    IdentifierSyntax Name,
    TypeSyntax Type,
    ExpressionSyntax? Default,
    TextSpan Span) : DeclarationSyntax(Annotations, Doc, Name, Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Annotations, Name, Type, Default);
}

/// <summary><c>test "title" { given… with… expect… }</c>. <see cref="DeclarationSyntax.Name"/> holds the title.</summary>
public sealed record TestDeclarationSyntax(
    IReadOnlyList<AnnotationSyntax> Annotations,
    string? Doc,
    IdentifierSyntax Name,
    IReadOnlyList<TestStatementSyntax> Statements,
    TextSpan Span) : DeclarationSyntax(Annotations, Doc, Name, Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Annotations, Statements);
}
