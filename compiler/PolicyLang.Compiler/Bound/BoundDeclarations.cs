// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Bound;

/// <summary>A rule, bound: metadata, subject, scope, exceptions, conditions and body.</summary>
public sealed record BoundRule(
    RuleSymbol Symbol,
    RuleMetadata Metadata,
    SubjectKind Subject,
    LocalSymbol SubjectVariable,
    ObjectType? TypedModel,
    RuleScope Scope,
    IReadOnlyList<BoundException> Exceptions,
    IReadOnlyList<BoundExpression> Conditions,
    BoundStatement Body,
    bool UsesInventory,
    IReadOnlyList<FindingAction> Actions);

/// <summary>The metadata of a rule from its annotations and doc comment.</summary>
/// <summary>A rule's metadata; <paramref name="Overrides"/> are the rules it replaces (<c>@overrides</c>) wherever it applies.</summary>
public sealed record RuleMetadata(string Id, string? Title, string? Description, Severity Severity, IReadOnlyList<string> Tags, string? Remediation, IReadOnlyList<RuleSymbol> Overrides);

/// <summary><c>except when condition because reason</c>.</summary>
public sealed record BoundException(BoundExpression Condition, BoundExpression Reason);

public sealed record BoundFunction(FunctionSymbol Symbol, IReadOnlyList<BoundLet> Lets, BoundExpression Body, TypeSymbol ReturnType);

public sealed record BoundConstant(ConstantSymbol Symbol, BoundExpression Value);

public sealed record BoundParam(ParamSymbol Symbol, BoundExpression? Default);

/// <summary>A test block, bound: fixtures, parameter settings and expectations.</summary>
public sealed record BoundTest(TestSymbol Symbol, IReadOnlyList<BoundFixture> Fixtures, IReadOnlyList<BoundParamSetting> Settings, IReadOnlyList<BoundExpectation> Expectations);

/// <summary>A fixture: a subject kind and either a file (resolved against the test's file) or inline text.</summary>
public sealed record BoundFixture(string Subject, string? File, string? Inline, SyntaxTree Tree, TextSpan Span);

/// <summary><c>with name = value</c>, the value as parameter text.</summary>
public sealed record BoundParamSetting(ParamSymbol Parameter, object? Value, TextSpan Span);

/// <summary>
/// An expectation: findings with this action (null: any action; "error": rule errors) from this rule (null: any rule),
/// optionally with an exact message and path; negated means none such; count means exactly that many.
/// </summary>
public sealed record BoundExpectation(bool IsNegated, int? Count, FindingAction? Action, RuleSymbol? Rule, string? Message, string? At, ExpectStatementSyntax Syntax);

/// <summary>Everything bound in one package.</summary>
public sealed record BoundPackage(
    PackageSymbol Symbol,
    IReadOnlyList<BoundRule> Rules,
    IReadOnlyList<BoundFunction> Functions,
    IReadOnlyList<BoundConstant> Constants,
    IReadOnlyList<BoundParam> Parameters,
    IReadOnlyList<BoundTest> Tests,
    string? Title,
    string? Description);

/// <summary>The bound program: every package of a compilation.</summary>
public sealed record BoundProgram(IReadOnlyList<BoundPackage> Packages);
