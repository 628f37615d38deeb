// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Syntax;

/// <summary>A clause between a rule's header and its body.</summary>
public abstract record RuleClauseSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>match kinds [...]</c> or <c>exclude namespaces [...]</c>.</summary>
public sealed record ScopeClauseSyntax(bool IsExclude, IdentifierSyntax Scope, ExpressionSyntax Value, TextSpan Span) : RuleClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Scope, Value);
}

/// <summary><c>except when condition because "reason"</c>: findings are reported as skipped with the reason.</summary>
public sealed record ExceptClauseSyntax(ExpressionSyntax Condition, ExpressionSyntax Reason, TextSpan Span) : RuleClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Condition, Reason);
}

/// <summary><c>when condition</c>: the rule's body runs only when it holds.</summary>
public sealed record WhenClauseSyntax(ExpressionSyntax Condition, TextSpan Span) : RuleClauseSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Condition);
}
