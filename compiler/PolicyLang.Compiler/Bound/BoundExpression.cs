// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Builtins;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Bound;

/// <summary>
/// A typed, resolved expression with a pointer back to its syntax. Bound nodes are immutable; their
/// <see cref="Path"/> says where the value lives in the subject's document, when it does.
/// </summary>
public abstract record BoundExpression(SyntaxNode Syntax, TypeSymbol Type)
{
    public virtual BoundPath? Path => null;

    /// <summary>True when evaluating the expression cannot depend on the subject (literals and constants).</summary>
    public virtual bool IsConstant => false;
}

/// <summary>Stands where binding failed; a diagnostic was already reported.</summary>
public sealed record BoundErrorExpression(SyntaxNode Syntax) : BoundExpression(Syntax, TypeSymbol.Error);

/// <summary>A literal value: <c>long</c>, <c>double</c>, <c>string</c>, <c>bool</c> or null.</summary>
public sealed record BoundLiteral(SyntaxNode Syntax, TypeSymbol Type, object? Value) : BoundExpression(Syntax, Type)
{
    public override bool IsConstant => true;
}

/// <summary>A string with interpolated parts (each part is a string literal or an expression).</summary>
public sealed record BoundInterpolatedString(SyntaxNode Syntax, IReadOnlyList<BoundExpression> Parts) : BoundExpression(Syntax, TypeSymbol.String)
{
    public override bool IsConstant => Parts.All(p => p.IsConstant);
}

/// <summary>A local variable read.</summary>
public sealed record BoundLocal(SyntaxNode Syntax, LocalSymbol Local) : BoundExpression(Syntax, Local.Type)
{
    public override BoundPath? Path => Local.Path;
}

/// <summary>A named constant read.</summary>
public sealed record BoundConstantReference(SyntaxNode Syntax, ConstantSymbol Constant, BoundExpression? Value, TypeSymbol ConstantType) : BoundExpression(Syntax, ConstantType)
{
    public override bool IsConstant => true;
}

/// <summary>A parameter read.</summary>
public sealed record BoundParamReference(SyntaxNode Syntax, ParamSymbol Parameter) : BoundExpression(Syntax, Parameter.Type);

/// <summary>A typed field of an object.</summary>
public sealed record BoundField(SyntaxNode Syntax, BoundExpression Target, FieldSymbol Field, BoundPath? FieldPath) : BoundExpression(Syntax, Field.Type)
{
    public override BoundPath? Path => FieldPath;
}

/// <summary>A field read dynamically (schema-less data, or fields of untyped manifests).</summary>
public sealed record BoundDynamicMember(SyntaxNode Syntax, BoundExpression Target, string Name, BoundPath? MemberPath) : BoundExpression(Syntax, TypeSymbol.Dynamic)
{
    public override BoundPath? Path => MemberPath;
}

/// <summary>A manifest bound to the model of one kind (admission object of a rule scoped to one kind).</summary>
public sealed record BoundTypedObject(SyntaxNode Syntax, BoundExpression Manifest, ObjectType Model) : BoundExpression(Syntax, Model)
{
    public override BoundPath? Path => Manifest.Path;
}

public enum IndexKind
{
    List,
    Map,
    Dynamic,
}

/// <summary><c>target[index]</c>.</summary>
public sealed record BoundIndex(SyntaxNode Syntax, BoundExpression Target, BoundExpression Index, IndexKind Kind, TypeSymbol ElementType, BoundPath? ElementPath) : BoundExpression(Syntax, ElementType)
{
    public override BoundPath? Path => ElementPath;
}

/// <summary>A call of a user function.</summary>
public sealed record BoundFunctionCall(SyntaxNode Syntax, FunctionSymbol Function, IReadOnlyList<BoundExpression> Arguments, TypeSymbol ReturnType) : BoundExpression(Syntax, ReturnType);

/// <summary>A call of a built-in overload, with the type arguments inferred for generic ones.</summary>
public sealed record BoundBuiltinCall(SyntaxNode Syntax, BuiltinOverload Overload, IReadOnlyList<BoundExpression> Arguments, IReadOnlyDictionary<string, TypeSymbol> TypeArguments, TypeSymbol ReturnType) : BoundExpression(Syntax, ReturnType);

public enum InventoryQueryKind
{
    /// <summary><c>inventory()</c>: every object.</summary>
    All,

    /// <summary><c>inventory("Kind")</c>: the objects of one kind.</summary>
    Kind,

    /// <summary><c>workloads()</c>: every object's workload.</summary>
    Workloads,
}

/// <summary>A read of the inventory (cross-object rules).</summary>
public sealed record BoundInventoryQuery(SyntaxNode Syntax, InventoryQueryKind Kind, string? ObjectKind, ObjectType? Model, TypeSymbol ResultType) : BoundExpression(Syntax, ResultType);

/// <summary>A unary operation.</summary>
public sealed record BoundUnary(SyntaxNode Syntax, UnaryOperator Operator, BoundExpression Operand, TypeSymbol ResultType) : BoundExpression(Syntax, ResultType)
{
    public override bool IsConstant => Operand.IsConstant;
}

/// <summary>How a binary operation is carried out, decided by the operand types.</summary>
public enum BinaryOperationKind
{
    NumericArithmetic,
    StringConcat,
    ListConcat,
    TimeArithmetic,
    Equality,
    NumericComparison,
    StringComparison,
    QuantityComparison,
    QuantityEquality,
    TimeComparison,
    DynamicComparison,
    DynamicEquality,
    LogicalAnd,
    LogicalOr,
    ListContains,
    SetContains,
    MapContainsKey,
    StringContains,
    DynamicContains,
    Default,
    StructuralEquality,
}

/// <summary>A binary operation.</summary>
public sealed record BoundBinary(SyntaxNode Syntax, BinaryOperator Operator, BinaryOperationKind Kind, BoundExpression Left, BoundExpression Right, TypeSymbol ResultType) : BoundExpression(Syntax, ResultType)
{
    public override bool IsConstant => Left.IsConstant && Right.IsConstant;

    /// <summary><c>a ?? b</c> lives where <c>a</c> lives: the default stands in for a field that is absent.</summary>
    public override BoundPath? Path => Kind == BinaryOperationKind.Default ? Left.Path : null;
}

/// <summary><c>if c then a else b</c>.</summary>
public sealed record BoundConditional(SyntaxNode Syntax, BoundExpression Condition, BoundExpression WhenTrue, BoundExpression WhenFalse, TypeSymbol ResultType) : BoundExpression(Syntax, ResultType)
{
    public override bool IsConstant => Condition.IsConstant && WhenTrue.IsConstant && WhenFalse.IsConstant;
}

/// <summary>An iteration shared by quantifiers, comprehensions and for statements.</summary>
public sealed record BoundIteration(BoundExpression Collection, LocalSymbol Variable, LocalSymbol? SecondVariable, LocalSymbol Index, IterationKind Kind);

public enum IterationKind
{
    /// <summary><c>for x in list</c> / <c>for i, x in list</c>.</summary>
    List,

    /// <summary><c>for x in set</c>.</summary>
    Set,

    /// <summary><c>for k in map</c> / <c>for k, v in map</c>.</summary>
    Map,

    /// <summary>Over a dynamic value: its list items, or its map keys (and values).</summary>
    Dynamic,
}

/// <summary><c>any(x in c: p)</c>, <c>all(…)</c>, <c>count(…)</c>.</summary>
public sealed record BoundQuantifier(SyntaxNode Syntax, QuantifierKind Kind, BoundIteration Iteration, BoundExpression Predicate, TypeSymbol ResultType) : BoundExpression(Syntax, ResultType);

/// <summary><c>[e for x in c where f]</c> and its set and map forms.</summary>
public sealed record BoundComprehension(SyntaxNode Syntax, ComprehensionKind Kind, BoundIteration Iteration, BoundExpression Element, BoundExpression? Value, BoundExpression? Filter, TypeSymbol ResultType) : BoundExpression(Syntax, ResultType);

/// <summary>A list literal.</summary>
public sealed record BoundListLiteral(SyntaxNode Syntax, IReadOnlyList<BoundExpression> Elements, TypeSymbol ResultType) : BoundExpression(Syntax, ResultType)
{
    public override bool IsConstant => Elements.All(e => e.IsConstant);
}

/// <summary>A set literal.</summary>
public sealed record BoundSetLiteral(SyntaxNode Syntax, IReadOnlyList<BoundExpression> Elements, TypeSymbol ResultType) : BoundExpression(Syntax, ResultType)
{
    public override bool IsConstant => Elements.All(e => e.IsConstant);
}

/// <summary>A map literal.</summary>
public sealed record BoundMapLiteral(SyntaxNode Syntax, IReadOnlyList<(BoundExpression Key, BoundExpression Value)> Entries, TypeSymbol ResultType) : BoundExpression(Syntax, ResultType)
{
    public override bool IsConstant => Entries.All(e => e.Key.IsConstant && e.Value.IsConstant);
}

/// <summary>A conversion the binder inserted (int to float, dynamic to a typed value, string constant to quantity…).</summary>
public sealed record BoundConversion(SyntaxNode Syntax, BoundExpression Operand, TypeSymbol TargetType) : BoundExpression(Syntax, TargetType)
{
    public override bool IsConstant => Operand.IsConstant;

    public override BoundPath? Path => Operand.Path;
}
