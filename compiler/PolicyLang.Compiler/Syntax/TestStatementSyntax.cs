// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Syntax;

/// <summary>A statement in a <c>test</c> block.</summary>
public abstract record TestStatementSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// <c>given subject from "file"</c> or <c>given subject """inline yaml/json"""</c>.
/// Exactly one of <see cref="File"/> and <see cref="Inline"/> is set.
/// </summary>
public sealed record GivenStatementSyntax(IdentifierSyntax Subject, string? File, string? Inline, TextSpan ContentSpan, TextSpan Span) : TestStatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Subject);
}

/// <summary>
/// <c>with parameter = value</c>: sets a parameter of the package under test, or of another package named as in
/// expressions (<c>with alias.parameter = value</c>, or by the package's full name).
/// </summary>
public sealed record WithStatementSyntax(QualifiedNameSyntax Name, ExpressionSyntax Value, TextSpan Span) : TestStatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Name, Value);
}

/// <summary>
/// <c>expect [no] [N] action [rule] [message "…"] [at "/path"]</c>. <see cref="Kind"/> is the action word:
/// deny, warn, audit, alert, mutate, error, or finding (any action).
/// </summary>
public sealed record ExpectStatementSyntax(
    bool IsNegated,
    int? Count,
    IdentifierSyntax Kind,
    QualifiedNameSyntax? Rule,
    string? Message,
    string? At,
    TextSpan Span) : TestStatementSyntax(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Kind, Rule);
}
