// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Reflection;
using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Values;

namespace PolicyLang.Compiler.Evaluation;

public sealed partial class ReferenceInterpreter
{
    private static readonly MethodInfo ListContainsDefinition = Reflect.GenericDefinition(typeof(Ops), nameof(Ops.Contains), typeof(IList<>));
    private static readonly MethodInfo SetContainsDefinition = Reflect.GenericDefinition(typeof(Ops), nameof(Ops.Contains), typeof(ISet<>));
    private static readonly MethodInfo ContainsKeyDefinition = Reflect.GenericDefinition(typeof(Ops), nameof(Ops.ContainsKey), typeof(IDictionary<,>));
    private static readonly MethodInfo ConcatDefinition = Reflect.GenericDefinition(typeof(Ops), nameof(Ops.Concat), typeof(IList<>));
    private static readonly ConcurrentDictionary<(string Name, Type Left, Type Right), MethodInfo?> Overloads = new();

    private object? Binary(BoundBinary binary, Frame frame)
    {
        var op = binary.Operator;
        var left = binary.Left;
        var right = binary.Right;
        var negate = op is BinaryOperator.NotEqual or BinaryOperator.NotIn;
        switch (binary.Kind)
        {
            case BinaryOperationKind.NumericArithmetic:
            case BinaryOperationKind.TimeArithmetic:
            {
                // C# lifted operators: both operands evaluated, absent if either is absent.
                var l = Evaluate(left, frame);
                var r = Evaluate(right, frame);
                return l is null || r is null ? null : Arithmetic(op, l, r);
            }

            case BinaryOperationKind.StringConcat:
            {
                var l = Values.Text(Evaluate(left, frame));
                var r = Values.Text(Evaluate(right, frame));
                return string.Concat(l, r);
            }

            case BinaryOperationKind.ListConcat:
            {
                var l = Evaluate(left, frame);
                var r = Evaluate(right, frame);
                return Reflect.Invoke(Reflect.Generic(ConcatDefinition, ClrTypeMap.ElementOf(binary.Type)), null, l, r);
            }

            case BinaryOperationKind.Equality:
            {
                if (IsNullLiteral(left) || IsNullLiteral(right))
                {
                    // (object)x == null, or x == null for nullable values: only the other operand is evaluated.
                    var operand = IsNullLiteral(left) ? right : left;
                    return (Evaluate(operand, frame) is null) != (op == BinaryOperator.NotEqual);
                }

                var l = Evaluate(left, frame);
                var r = Evaluate(right, frame);
                return Equal(l, r) != negate;
            }

            case BinaryOperationKind.NumericComparison:
            case BinaryOperationKind.TimeComparison:
            {
                var l = Evaluate(left, frame);
                var r = Evaluate(right, frame);
                return l is not null && r is not null && Order(op, l, r);
            }

            case BinaryOperationKind.StringComparison:
            case BinaryOperationKind.QuantityComparison:
            case BinaryOperationKind.DynamicComparison:
            {
                var l = Evaluate(left, frame);
                var r = Evaluate(right, frame);
                var compare = Resolve(nameof(Ops.Compare), left, right);
                if (compare is null)
                {
                    // No Ops.Compare fits (the generated C# would not compile): ordering against absent is false.
                    return false;
                }

                return Reflect.Invoke(compare, null, l, r) is int c && Order(op, c, 0);
            }

            case BinaryOperationKind.QuantityEquality:
            {
                var l = Values.Quantity(Evaluate(left, frame));
                var r = Values.Quantity(Evaluate(right, frame));
                return Ops.QuantityEquals(l, r) != negate;
            }

            case BinaryOperationKind.DynamicEquality:
            {
                if (IsNullLiteral(left) || IsNullLiteral(right))
                {
                    var operand = IsNullLiteral(left) ? right : left;
                    var value = Evaluate(operand, frame);
                    return operand.Type is DynamicType
                        ? Ops.IsAbsent(Values.Doc(value)) != negate
                        : (value is null) != (op == BinaryOperator.NotEqual);
                }

                var l = Evaluate(left, frame);
                var r = Evaluate(right, frame);
                var eq = Resolve(nameof(Ops.Eq), left, right) ?? throw new InvalidOperationException($"No Ops.Eq takes {left.Type} and {right.Type}.");
                return Reflect.Invoke(eq, null, l, r) is true != negate;
            }

            case BinaryOperationKind.StructuralEquality:
            {
                var l = Evaluate(left, frame);
                var r = Evaluate(right, frame);
                return Ops.DeepEquals(l, r) != negate;
            }

            case BinaryOperationKind.LogicalAnd:
                return Truth(left, frame) && Truth(right, frame);
            case BinaryOperationKind.LogicalOr:
                return Truth(left, frame) || Truth(right, frame);
            case BinaryOperationKind.ListContains:
            case BinaryOperationKind.SetContains:
            {
                if (right.Type is ListType { Element: PrimitiveType { Kind: PrimitiveKind.Null } } or SetType { Element: PrimitiveType { Kind: PrimitiveKind.Null } })
                {
                    // Nothing is in a list of nulls; neither operand is evaluated.
                    return negate;
                }

                // Ops.Contains(right, left): the collection is evaluated first.
                var collection = Evaluate(right, frame);
                var item = Evaluate(left, frame);
                var definition = binary.Kind == BinaryOperationKind.ListContains ? ListContainsDefinition : SetContainsDefinition;
                return Reflect.Invoke(Reflect.Generic(definition, ClrTypeMap.ElementOf(right.Type)), null, collection, item) is true != negate;
            }

            case BinaryOperationKind.MapContainsKey:
            {
                var map = Evaluate(right, frame);
                var key = Values.Text(Evaluate(left, frame));
                return Reflect.Invoke(Reflect.Generic(ContainsKeyDefinition, ClrTypeMap.ElementOf(right.Type)), null, map, key) is true != negate;
            }

            case BinaryOperationKind.StringContains:
            {
                var needle = Values.Text(Evaluate(left, frame));
                var haystack = Values.Text(Evaluate(right, frame));
                return Ops.ContainsText(needle, haystack) != negate;
            }

            case BinaryOperationKind.DynamicContains:
            {
                var collection = Evaluate(right, frame);
                var item = Evaluate(left, frame);
                var contains = Resolve(nameof(Ops.DynContains), right, left);
                if (contains is null)
                {
                    // The collection is not dynamic (absent): nothing is in it. (The generated C# would not compile.)
                    return negate;
                }

                return Reflect.Invoke(contains, null, collection, item) is true != negate;
            }

            case BinaryOperationKind.Default:
                if (binary.Type is DynamicType)
                {
                    // Ops.Coalesce(l, r): a call, so both operands are evaluated.
                    var l = Values.Doc(Evaluate(left, frame));
                    var r = Values.Doc(Evaluate(right, frame));
                    return Ops.Coalesce(l, r);
                }

                return Evaluate(left, frame) ?? Evaluate(right, frame);
            default:
                throw new InvalidOperationException("Unknown binary operation " + binary.Kind);
        }
    }

    private static bool IsNullLiteral(BoundExpression expression) => Operators.IsAbsentValue(expression);

    /// <summary>C#'s <c>==</c> on two values of one primitive type (both present or both absent).</summary>
    private static bool Equal(object? left, object? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double a, double b) => a == b,
        (string a, string b) => string.Equals(a, b, StringComparison.Ordinal),
        (DateTimeOffset a, DateTimeOffset b) => a == b,
        _ when left.GetType() == right.GetType() && left.GetType().IsValueType => left.Equals(right),
        _ => ReferenceEquals(left, right),
    };

    private static object Arithmetic(BinaryOperator op, object left, object right) => (left, right) switch
    {
        (long a, long b) => op switch
        {
            BinaryOperator.Add => checked(a + b),
            BinaryOperator.Subtract => checked(a - b),
            BinaryOperator.Multiply => checked(a * b),
            BinaryOperator.Divide => checked(a / b),
            BinaryOperator.Modulo => checked(a % b),
            _ => throw new InvalidOperationException("No integer operator " + op),
        },
        (double a, double b) => op switch
        {
            BinaryOperator.Add => a + b,
            BinaryOperator.Subtract => a - b,
            BinaryOperator.Multiply => a * b,
            BinaryOperator.Divide => a / b,
            BinaryOperator.Modulo => a % b,
            _ => throw new InvalidOperationException("No float operator " + op),
        },
        (DateTimeOffset t, TimeSpan d) => op == BinaryOperator.Add ? t + d : t - d,
        (TimeSpan d, DateTimeOffset t) => t + d,
        (DateTimeOffset a, DateTimeOffset b) => a - b,
        (TimeSpan a, TimeSpan b) => op == BinaryOperator.Add ? a + b : a - b,
        _ => throw new InvalidOperationException($"No operator {op} for {left.GetType().Name} and {right.GetType().Name}"),
    };

    /// <summary>An ordering comparison of two present values of one type, as C#'s operators do it (NaN compares false).</summary>
    private static bool Order(BinaryOperator op, object left, object right) => (left, right) switch
    {
        (long a, long b) => Compare(op, a < b, a == b, a > b),
        (double a, double b) => Compare(op, a < b, a == b, a > b),
        (int a, int b) => Compare(op, a < b, a == b, a > b),
        (TimeSpan a, TimeSpan b) => Compare(op, a < b, a == b, a > b),
        (DateTimeOffset a, DateTimeOffset b) => Compare(op, a < b, a == b, a > b),
        _ => throw new InvalidOperationException($"No ordering of {left.GetType().Name} and {right.GetType().Name}"),
    };

    private static bool Compare(BinaryOperator op, bool less, bool equal, bool greater) => op switch
    {
        BinaryOperator.Less => less,
        BinaryOperator.LessOrEqual => less || equal,
        BinaryOperator.Greater => greater,
        BinaryOperator.GreaterOrEqual => greater || equal,
        _ => throw new InvalidOperationException("Not an ordering operator: " + op),
    };

    /// <summary>
    /// The <c>Ops</c> overload C# picks for two arguments of the expressions' types: an exact match, else the most
    /// specific one the arguments convert to by reference or boxing; null when none fits.
    /// </summary>
    private static MethodInfo? Resolve(string name, BoundExpression first, BoundExpression second) =>
        Overloads.GetOrAdd((name, ClrTypeMap.Of(first.Type), ClrTypeMap.Of(second.Type)), static key =>
        {
            if (Reflect.Static(typeof(Ops), key.Name, key.Left, key.Right) is { } exact)
            {
                return exact;
            }

            var applicable = typeof(Ops).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.Name == key.Name && !m.IsGenericMethodDefinition && m.GetParameters() is { Length: 2 } p
                    && p[0].ParameterType.IsAssignableFrom(key.Left) && p[1].ParameterType.IsAssignableFrom(key.Right))
                .ToList();
            return applicable.FirstOrDefault(m => applicable.All(other => IsAtLeastAsSpecific(m, other)));
        });

    private static bool IsAtLeastAsSpecific(MethodInfo method, MethodInfo other)
    {
        var a = method.GetParameters();
        var b = other.GetParameters();
        return a.Zip(b).All(pair => pair.Second.ParameterType.IsAssignableFrom(pair.First.ParameterType));
    }
}
