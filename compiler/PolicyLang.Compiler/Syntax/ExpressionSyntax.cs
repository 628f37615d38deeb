// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Syntax;

/// <summary>An expression.</summary>
public abstract record ExpressionSyntax(TextSpan Span) : SyntaxNode(Span);

public enum LiteralKind
{
    Integer,
    Float,
    String,
    Boolean,
    Null,
}

/// <summary>A literal: its kind, its value (<c>long</c>, <c>double</c>, <c>string</c>, <c>bool</c> or null) and the text as written.</summary>
public sealed record LiteralExpressionSyntax(LiteralKind Kind, object? Value, string Text, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}

/// <summary>A string with <c>{expression}</c> parts. Text parts are already unescaped.</summary>
public sealed record InterpolatedStringSyntax(IReadOnlyList<InterpolationPart> Parts, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Parts.Select(p => p.Expression).OfType<ExpressionSyntax>();
}

/// <summary>One part of an interpolated string: literal text or an expression.</summary>
public sealed record InterpolationPart(string? Text, ExpressionSyntax? Expression);

/// <summary>A reference to a name: a variable, constant, parameter, function or package.</summary>
public sealed record NameExpressionSyntax(IdentifierSyntax Name, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Name);
}

/// <summary><c>target.member</c>.</summary>
public sealed record MemberAccessExpressionSyntax(ExpressionSyntax Target, IdentifierSyntax Member, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Target, Member);
}

/// <summary><c>target[index]</c>.</summary>
public sealed record IndexExpressionSyntax(ExpressionSyntax Target, ExpressionSyntax Index, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Target, Index);
}

/// <summary><c>f(args)</c>, <c>pkg.f(args)</c>, or the method form <c>receiver.f(args)</c> (which means <c>f(receiver, args)</c>).</summary>
public sealed record CallExpressionSyntax(ExpressionSyntax? Receiver, IdentifierSyntax Function, IReadOnlyList<ExpressionSyntax> Arguments, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Receiver, Function, Arguments);
}

public enum UnaryOperator
{
    Negate,
    Not,
}

/// <summary><c>-x</c>, <c>not x</c>.</summary>
public sealed record UnaryExpressionSyntax(UnaryOperator Operator, ExpressionSyntax Operand, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Operand);
}

public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    And,
    Or,
    In,
    NotIn,
    Default,
}

/// <summary>A binary operation; <see cref="OperatorSpan"/> is where the operator is written.</summary>
public sealed record BinaryExpressionSyntax(BinaryOperator Operator, ExpressionSyntax Left, ExpressionSyntax Right, TextSpan OperatorSpan, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Left, Right);
}

/// <summary><c>if c then a else b</c>.</summary>
public sealed record ConditionalExpressionSyntax(ExpressionSyntax Condition, ExpressionSyntax WhenTrue, ExpressionSyntax WhenFalse, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Condition, WhenTrue, WhenFalse);
}

public enum QuantifierKind
{
    Any,
    All,
    Count,
}

/// <summary><c>any(x in coll: predicate)</c>, <c>all(…)</c>, <c>count(…)</c>.</summary>
public sealed record QuantifierExpressionSyntax(QuantifierKind Kind, IdentifierSyntax Variable, IdentifierSyntax? SecondVariable, ExpressionSyntax Collection, ExpressionSyntax Predicate, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Variable, SecondVariable, Collection, Predicate);
}

public enum ComprehensionKind
{
    List,
    Set,
    Map,
}

/// <summary><c>[e for x in coll where cond]</c>, <c>{e for …}</c>, <c>{k: v for …}</c>.</summary>
public sealed record ComprehensionExpressionSyntax(
    ComprehensionKind Kind,
    ExpressionSyntax Element,
    ExpressionSyntax? Value,
    IdentifierSyntax Variable,
    IdentifierSyntax? SecondVariable,
    ExpressionSyntax Collection,
    ExpressionSyntax? Filter,
    TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Element, Value, Variable, SecondVariable, Collection, Filter);
}

/// <summary><c>[a, b]</c>.</summary>
public sealed record ListExpressionSyntax(IReadOnlyList<ExpressionSyntax> Elements, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Elements;
}

/// <summary><c>{a, b}</c>.</summary>
public sealed record SetExpressionSyntax(IReadOnlyList<ExpressionSyntax> Elements, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Elements;
}

/// <summary><c>{k: v, …}</c>.</summary>
public sealed record MapExpressionSyntax(IReadOnlyList<MapEntrySyntax> Entries, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Entries;
}

/// <summary>One <c>key: value</c> of a map literal.</summary>
public sealed record MapEntrySyntax(ExpressionSyntax Key, ExpressionSyntax Value, TextSpan Span) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Key, Value);
}

/// <summary><c>(e)</c>: kept so the formatter can reproduce the source.</summary>
public sealed record ParenthesizedExpressionSyntax(ExpressionSyntax Inner, TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Inner);
}

/// <summary>An expression the parser could not read; a diagnostic was already reported for it.</summary>
public sealed record MissingExpressionSyntax(TextSpan Span) : ExpressionSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];
}
