// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Syntax;

/// <summary>A statement in a rule body.</summary>
public abstract record StatementSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>{ statements }</c>.</summary>
public sealed record BlockStatementSyntax(IReadOnlyList<StatementSyntax> Statements, TextSpan Span) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Statements;
}

/// <summary><c>let name = value</c>.</summary>
public sealed record LetStatementSyntax(IdentifierSyntax Name, ExpressionSyntax Value, TextSpan Span) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Name, Value);
}

/// <summary><c>for x in coll [where cond] body</c>; over a map, <c>for k, v in m</c>; over a list, <c>for i, x in l</c>.</summary>
public sealed record ForStatementSyntax(IdentifierSyntax Variable, IdentifierSyntax? SecondVariable, ExpressionSyntax Collection, ExpressionSyntax? Filter, StatementSyntax Body, TextSpan Span) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Variable, SecondVariable, Collection, Filter, Body);
}

/// <summary><c>if cond body [else body]</c>.</summary>
public sealed record IfStatementSyntax(ExpressionSyntax Condition, StatementSyntax Then, StatementSyntax? Else, TextSpan Span) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Condition, Then, Else);
}

/// <summary>The action a statement takes.</summary>
public enum ActionKind
{
    Deny,
    Warn,
    Audit,
    Alert,
}

/// <summary><c>deny|warn|audit|alert [message] [at field] [when cond]</c>.</summary>
public sealed record ActionStatementSyntax(ActionKind Action, TextSpan KeywordSpan, ExpressionSyntax? Message, ExpressionSyntax? At, ExpressionSyntax? When, TextSpan Span) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Message, At, When);
}

/// <summary><c>mutate set field = value [when cond]</c> or <c>mutate remove field [when cond]</c>.</summary>
public sealed record MutateStatementSyntax(bool IsRemove, ExpressionSyntax Target, ExpressionSyntax? Value, ExpressionSyntax? When, TextSpan Span) : StatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Target, Value, When);
}
