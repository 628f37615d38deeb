// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Binding;

/// <summary>
/// The typing rules of the operators and of implicit conversions. Absent (null) compares unequal to every value
/// and equal to absent; ordering comparisons with absent are false; <c>and</c>/<c>or</c>/<c>not</c> read absent as false.
/// </summary>
internal static class Operators
{
    public static string Text(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "and",
        BinaryOperator.Or => "or",
        BinaryOperator.In => "in",
        BinaryOperator.NotIn => "not in",
        _ => "??",
    };

    /// <summary>Types a binary operation, inserting conversions; null when the operand types do not fit the operator.</summary>
    public static BoundExpression? Bind(BinaryExpressionSyntax syntax, BoundExpression left, BoundExpression right)
    {
        (left, right) = TypeAbsentOperand(syntax.Operator, left, right);
        var l = left.Type;
        var r = right.Type;
        switch (syntax.Operator)
        {
            case BinaryOperator.And or BinaryOperator.Or:
                if (IsBoolLike(l) && IsBoolLike(r))
                {
                    return new BoundBinary(syntax, syntax.Operator, syntax.Operator == BinaryOperator.And ? BinaryOperationKind.LogicalAnd : BinaryOperationKind.LogicalOr, Convert(left, TypeSymbol.Bool), Convert(right, TypeSymbol.Bool), TypeSymbol.Bool);
                }

                return null;

            case BinaryOperator.Equal or BinaryOperator.NotEqual:
                return BindEquality(syntax, left, right);

            case BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual:
                return BindOrdering(syntax, left, right);

            case BinaryOperator.In or BinaryOperator.NotIn:
                return BindMembership(syntax, left, right);

            case BinaryOperator.Default:
                if (Unify(l, r) is { } type)
                {
                    return new BoundBinary(syntax, syntax.Operator, BinaryOperationKind.Default, Convert(left, type), Convert(right, type), type);
                }

                return null;

            default:
                return BindArithmetic(syntax, left, right);
        }
    }

    /// <summary>
    /// An operand of type null is always absent: it takes the type of the other operand (or, for <c>in</c> with no
    /// typed side, dynamic), so every operation is typed by a real type and the generated code reads a typed default.
    /// Two null operands stay null (only <c>==</c>/<c>!=</c> and <c>??</c> accept them).
    /// </summary>
    private static (BoundExpression Left, BoundExpression Right) TypeAbsentOperand(BinaryOperator op, BoundExpression left, BoundExpression right)
    {
        var leftIsNull = left.Type == TypeSymbol.Null;
        var rightIsNull = right.Type == TypeSymbol.Null;
        if (op is BinaryOperator.In or BinaryOperator.NotIn)
        {
            // x in absent: nothing is in an absent collection, whatever x is.
            if (rightIsNull)
            {
                return (leftIsNull ? Convert(left, TypeSymbol.Dynamic) : left, Convert(right, TypeSymbol.Dynamic));
            }

            return leftIsNull ? (Convert(left, MembershipItemType(right.Type)), right) : (left, right);
        }

        if (leftIsNull == rightIsNull || op is BinaryOperator.Default || left.Type.IsError || right.Type.IsError)
        {
            return (left, right);
        }

        return leftIsNull ? (Convert(left, right.Type), right) : (left, Convert(right, left.Type));
    }

    /// <summary>The type an item must have to be looked up in a collection of the type.</summary>
    private static TypeSymbol MembershipItemType(TypeSymbol collection) => collection switch
    {
        ListType { Element: not PrimitiveType { Kind: PrimitiveKind.Null } } list => list.Element,
        SetType { Element: not PrimitiveType { Kind: PrimitiveKind.Null } } set => set.Element,
        MapType map => map.Key,
        PrimitiveType { Kind: PrimitiveKind.String } => TypeSymbol.String,
        _ => TypeSymbol.Dynamic,
    };

    private static BoundExpression? BindEquality(BinaryExpressionSyntax syntax, BoundExpression left, BoundExpression right)
    {
        var l = left.Type;
        var r = right.Type;
        BoundBinary Make(BinaryOperationKind kind, BoundExpression a, BoundExpression b) => new(syntax, syntax.Operator, kind, a, b, TypeSymbol.Bool);

        if (IsAbsentValue(left) || IsAbsentValue(right))
        {
            // x == null: whether x is absent, whatever its type.
            return Make(l is DynamicType || r is DynamicType ? BinaryOperationKind.DynamicEquality : BinaryOperationKind.Equality, left, right);
        }

        if (l is DynamicType || r is DynamicType)
        {
            if (l is DynamicType && r is DynamicType || IsScalar(l is DynamicType ? r : l))
            {
                return Make(BinaryOperationKind.DynamicEquality, left, right);
            }

            return null;
        }

        if (l == TypeSymbol.Quantity || r == TypeSymbol.Quantity)
        {
            return (l == TypeSymbol.Quantity || l == TypeSymbol.String) && (r == TypeSymbol.Quantity || r == TypeSymbol.String)
                ? Make(BinaryOperationKind.QuantityEquality, Convert(left, TypeSymbol.Quantity), Convert(right, TypeSymbol.Quantity))
                : null;
        }

        if (l.IsNumeric && r.IsNumeric)
        {
            var type = l == TypeSymbol.Float || r == TypeSymbol.Float ? TypeSymbol.Float : TypeSymbol.Int;
            return Make(BinaryOperationKind.Equality, Convert(left, type), Convert(right, type));
        }

        if (l == r && l is PrimitiveType)
        {
            return Make(BinaryOperationKind.Equality, left, right);
        }

        if (l == r && l is ListType or SetType or MapType)
        {
            return Make(BinaryOperationKind.StructuralEquality, left, right);
        }

        if (Unify(l, r) is { } unified && unified is ListType or SetType or MapType)
        {
            return Make(BinaryOperationKind.StructuralEquality, Convert(left, unified), Convert(right, unified));
        }

        return null;
    }

    private static BoundExpression? BindOrdering(BinaryExpressionSyntax syntax, BoundExpression left, BoundExpression right)
    {
        var l = left.Type;
        var r = right.Type;
        BoundBinary Make(BinaryOperationKind kind, BoundExpression a, BoundExpression b) => new(syntax, syntax.Operator, kind, a, b, TypeSymbol.Bool);

        if (l is DynamicType || r is DynamicType)
        {
            var other = l is DynamicType ? r : l;
            return other is DynamicType || other.IsNumeric || other == TypeSymbol.String
                ? Make(BinaryOperationKind.DynamicComparison, left, right)
                : null;
        }

        if (l.IsNumeric && r.IsNumeric)
        {
            var type = l == TypeSymbol.Float || r == TypeSymbol.Float ? TypeSymbol.Float : TypeSymbol.Int;
            return Make(BinaryOperationKind.NumericComparison, Convert(left, type), Convert(right, type));
        }

        if ((l == TypeSymbol.Quantity || l == TypeSymbol.String) && (r == TypeSymbol.Quantity || r == TypeSymbol.String) && (l == TypeSymbol.Quantity || r == TypeSymbol.Quantity))
        {
            return Make(BinaryOperationKind.QuantityComparison, Convert(left, TypeSymbol.Quantity), Convert(right, TypeSymbol.Quantity));
        }

        if (l == TypeSymbol.String && r == TypeSymbol.String)
        {
            return Make(BinaryOperationKind.StringComparison, left, right);
        }

        if ((l == TypeSymbol.Duration && r == TypeSymbol.Duration) || (l == TypeSymbol.Timestamp && r == TypeSymbol.Timestamp))
        {
            return Make(BinaryOperationKind.TimeComparison, left, right);
        }

        return null;
    }

    private static BoundExpression? BindMembership(BinaryExpressionSyntax syntax, BoundExpression left, BoundExpression right)
    {
        var l = left.Type;
        var r = right.Type;
        BoundBinary Make(BinaryOperationKind kind, BoundExpression a, BoundExpression b) => new(syntax, syntax.Operator, kind, a, b, TypeSymbol.Bool);
        switch (r)
        {
            case ListType list when IsAssignable(l, list.Element) || list.Element == TypeSymbol.Null:
                return Make(BinaryOperationKind.ListContains, list.Element == TypeSymbol.Null ? left : Convert(left, list.Element), right);
            case SetType set when IsAssignable(l, set.Element) || set.Element == TypeSymbol.Null:
                return Make(BinaryOperationKind.SetContains, set.Element == TypeSymbol.Null ? left : Convert(left, set.Element), right);
            case MapType map when IsAssignable(l, map.Key):
                return Make(BinaryOperationKind.MapContainsKey, Convert(left, map.Key), right);
            case PrimitiveType { Kind: PrimitiveKind.String } when l == TypeSymbol.String || l is DynamicType:
                return Make(BinaryOperationKind.StringContains, Convert(left, TypeSymbol.String), right);
            case DynamicType when IsScalar(l) || l is DynamicType:
                return Make(BinaryOperationKind.DynamicContains, left, right);
            default:
                return null;
        }
    }

    private static BoundExpression? BindArithmetic(BinaryExpressionSyntax syntax, BoundExpression left, BoundExpression right)
    {
        var l = left.Type;
        var r = right.Type;
        var op = syntax.Operator;
        BoundBinary Make(BinaryOperationKind kind, BoundExpression a, BoundExpression b, TypeSymbol type) => new(syntax, op, kind, a, b, type);

        if (l is DynamicType && (r.IsNumeric || (r == TypeSymbol.String && op == BinaryOperator.Add)))
        {
            left = Convert(left, r);
            l = r;
        }
        else if (r is DynamicType && (l.IsNumeric || (l == TypeSymbol.String && op == BinaryOperator.Add)))
        {
            right = Convert(right, l);
            r = l;
        }

        if (l.IsNumeric && r.IsNumeric)
        {
            var type = l == TypeSymbol.Float || r == TypeSymbol.Float ? TypeSymbol.Float : TypeSymbol.Int;
            return Make(BinaryOperationKind.NumericArithmetic, Convert(left, type), Convert(right, type), type);
        }

        if (op == BinaryOperator.Add && l == TypeSymbol.String && r == TypeSymbol.String)
        {
            return Make(BinaryOperationKind.StringConcat, left, right, TypeSymbol.String);
        }

        if (op == BinaryOperator.Add && l is ListType && Unify(l, r) is ListType list)
        {
            return Make(BinaryOperationKind.ListConcat, Convert(left, list), Convert(right, list), list);
        }

        if (op == BinaryOperator.Add && l == TypeSymbol.Duration && r == TypeSymbol.Timestamp)
        {
            // Addition commutes: duration + timestamp is timestamp + duration (the only order C# defines).
            return Make(BinaryOperationKind.TimeArithmetic, right, left, TypeSymbol.Timestamp);
        }

        var time = (op, l.Name, r.Name) switch
        {
            (BinaryOperator.Add, "timestamp", "duration") => TypeSymbol.Timestamp,
            (BinaryOperator.Subtract, "timestamp", "duration") => TypeSymbol.Timestamp,
            (BinaryOperator.Subtract, "timestamp", "timestamp") => TypeSymbol.Duration,
            (BinaryOperator.Add or BinaryOperator.Subtract, "duration", "duration") => TypeSymbol.Duration,
            _ => null,
        };
        return time is null ? null : Make(BinaryOperationKind.TimeArithmetic, left, right, time);
    }

    /// <summary>The common type of two types (conditional branches, list elements, <c>??</c>), or null.</summary>
    public static TypeSymbol? Unify(TypeSymbol a, TypeSymbol b)
    {
        if (a == b || b.IsError || b == TypeSymbol.Null)
        {
            return a;
        }

        if (a.IsError || a == TypeSymbol.Null)
        {
            return b;
        }

        if (a.IsNumeric && b.IsNumeric)
        {
            return TypeSymbol.Float;
        }

        if (a is DynamicType && IsScalar(b))
        {
            return b;
        }

        if (b is DynamicType && IsScalar(a))
        {
            return a;
        }

        if (a is ListType la && b is ListType lb && Unify(la.Element, lb.Element) is { } le && (le == la.Element || la.Element == TypeSymbol.Null) && (le == lb.Element || lb.Element == TypeSymbol.Null))
        {
            return new ListType(le);
        }

        if (a is SetType sa && b is SetType sb && Unify(sa.Element, sb.Element) is { } se && (se == sa.Element || sa.Element == TypeSymbol.Null) && (se == sb.Element || sb.Element == TypeSymbol.Null))
        {
            return new SetType(se);
        }

        if (a is MapType ma && b is MapType mb && Unify(ma.Value, mb.Value) is { } mv && (mv == ma.Value || ma.Value == TypeSymbol.Null) && (mv == mb.Value || mb.Value == TypeSymbol.Null))
        {
            return new MapType(TypeSymbol.String, mv);
        }

        return null;
    }

    public static bool IsAssignable(TypeSymbol from, TypeSymbol to)
    {
        if (from == to || from.IsError || to.IsError || from == TypeSymbol.Null)
        {
            return true;
        }

        if (from == TypeSymbol.Int && to == TypeSymbol.Float)
        {
            return true;
        }

        if (from is DynamicType && IsScalar(to))
        {
            return true;
        }

        if (from == TypeSymbol.String && to == TypeSymbol.Quantity)
        {
            return true;
        }

        return (from, to) switch
        {
            (ListType f, ListType t) => f.Element == TypeSymbol.Null || f.Element == t.Element,
            (SetType f, SetType t) => f.Element == TypeSymbol.Null || f.Element == t.Element,
            (MapType f, MapType t) => f.Value == TypeSymbol.Null || f.Value == t.Value,
            _ => false,
        };
    }

    /// <summary>Wraps an expression in the conversion to a type it is assignable to (no-op when the types are equal).</summary>
    public static BoundExpression Convert(BoundExpression expression, TypeSymbol target)
    {
        if (expression.Type == target || target.IsError || expression.Type.IsError)
        {
            return expression;
        }

        // Empty collection literals take the type they are used as.
        return expression switch
        {
            BoundListLiteral { Elements.Count: 0 } list when target is ListType => list with { ResultType = target, Type = target },
            BoundSetLiteral { Elements.Count: 0 } set when target is SetType => set with { ResultType = target, Type = target },
            BoundMapLiteral { Entries.Count: 0 } map when target is MapType => map with { ResultType = target, Type = target },
            BoundLiteral { Value: null } literal => literal with { Type = target },
            _ => new BoundConversion(expression.Syntax, expression, target),
        };
    }

    /// <summary>True for an expression that is absent by its type: the null literal, or a null-typed value converted to a type.</summary>
    public static bool IsAbsentValue(BoundExpression expression) =>
        expression is BoundLiteral { Value: null } || expression.Type == TypeSymbol.Null || expression is BoundConversion { Operand.Type: PrimitiveType { Kind: PrimitiveKind.Null } };

    private static bool IsBoolLike(TypeSymbol type) => type == TypeSymbol.Bool || type is DynamicType || type == TypeSymbol.Null;

    private static bool IsScalar(TypeSymbol type) => type is PrimitiveType { Kind: not PrimitiveKind.Null };
}
