// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Compiler.Bound;

/// <summary>A bound statement of a rule body.</summary>
public abstract record BoundStatement(SyntaxNode Syntax);

public sealed record BoundBlock(SyntaxNode Syntax, IReadOnlyList<BoundStatement> Statements) : BoundStatement(Syntax);

public sealed record BoundLet(SyntaxNode Syntax, LocalSymbol Local, BoundExpression Value) : BoundStatement(Syntax);

public sealed record BoundFor(SyntaxNode Syntax, BoundIteration Iteration, BoundExpression? Filter, BoundStatement Body) : BoundStatement(Syntax);

public sealed record BoundIf(SyntaxNode Syntax, BoundExpression Condition, BoundStatement Then, BoundStatement? Else) : BoundStatement(Syntax);

/// <summary>deny/warn/audit/alert: report a finding with a message, at a path, when a condition holds.</summary>
public sealed record BoundAction(SyntaxNode Syntax, FindingAction Action, BoundExpression Message, BoundPath? At, BoundExpression? Condition) : BoundStatement(Syntax);

/// <summary>mutate set/remove: a JSON patch operation on the subject's object.</summary>
public sealed record BoundMutate(SyntaxNode Syntax, bool IsRemove, BoundPath Target, string TargetText, BoundExpression? Value, BoundExpression? Condition) : BoundStatement(Syntax);
