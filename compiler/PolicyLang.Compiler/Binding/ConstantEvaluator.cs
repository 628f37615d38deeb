// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Syntax;

namespace PolicyLang.Compiler.Binding;

/// <summary>
/// Evaluates constant expressions at compile time (scope clauses, annotations, validator arguments, test
/// settings). Values: <c>long</c>, <c>double</c>, <c>string</c>, <c>bool</c>, null, lists
/// (<c>IReadOnlyList&lt;object?&gt;</c>) and maps (<c>IReadOnlyDictionary&lt;string, object?&gt;</c>).
/// </summary>
internal static class ConstantEvaluator
{
    public static bool TryEvaluate(BoundExpression expression, out object? value)
    {
        value = null;
        switch (expression)
        {
            case BoundLiteral literal:
                value = literal.Value;
                return true;
            case BoundConstantReference { Value: { } constantValue }:
                return TryEvaluate(constantValue, out value);
            case BoundListLiteral list:
                return TryAll(list.Elements, out value);
            case BoundSetLiteral set:
                return TryAll(set.Elements, out value);
            case BoundMapLiteral map:
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (k, v) in map.Entries)
                {
                    if (!TryEvaluate(k, out var key) || key is not string text || !TryEvaluate(v, out var item))
                    {
                        return false;
                    }

                    result[text] = item;
                }

                value = result;
                return true;
            case BoundInterpolatedString interpolated:
                var parts = new List<string>();
                foreach (var part in interpolated.Parts)
                {
                    if (!TryEvaluate(part, out var partValue))
                    {
                        return false;
                    }

                    parts.Add(Format(partValue));
                }

                value = string.Concat(parts);
                return true;
            case BoundConversion conversion when TryEvaluate(conversion.Operand, out var operand):
                value = conversion.TargetType == Types.TypeSymbol.Float && operand is long l ? (double)l : operand;
                return conversion.TargetType != Types.TypeSymbol.Quantity || operand is string;
            case BoundUnary { Operator: UnaryOperator.Not } not when TryEvaluate(not.Operand, out var b):
                value = b is not true;
                return true;
            case BoundUnary { Operator: UnaryOperator.Negate } negate when TryEvaluate(negate.Operand, out var n):
                value = n switch
                {
                    long i when i != long.MinValue => -i,
                    double d => -d,
                    _ => null,
                };
                return value is not null;
            case BoundBinary binary when TryEvaluate(binary.Left, out var left) && TryEvaluate(binary.Right, out var right):
                return TryBinary(binary, left, right, out value);
            default:
                return false;
        }
    }

    private static bool TryAll(IReadOnlyList<BoundExpression> elements, out object? value)
    {
        var items = new List<object?>();
        foreach (var element in elements)
        {
            if (!TryEvaluate(element, out var item))
            {
                value = null;
                return false;
            }

            items.Add(item);
        }

        value = items;
        return true;
    }

    private static bool TryBinary(BoundBinary binary, object? left, object? right, out object? value)
    {
        try
        {
            return TryBinaryChecked(binary, left, right, out value);
        }
        catch (OverflowException)
        {
            // Integer overflow is a rule error at run time; at compile time the expression is not a constant.
            value = null;
            return false;
        }
    }

    private static bool TryBinaryChecked(BoundBinary binary, object? left, object? right, out object? value)
    {
        value = (binary.Operator, left, right) switch
        {
            (BinaryOperator.Add, long a, long b) => checked(a + b),
            (BinaryOperator.Subtract, long a, long b) => checked(a - b),
            (BinaryOperator.Multiply, long a, long b) => checked(a * b),
            (BinaryOperator.Add, double a, double b) => a + b,
            (BinaryOperator.Subtract, double a, double b) => a - b,
            (BinaryOperator.Multiply, double a, double b) => a * b,
            (BinaryOperator.Add, string a, string b) => a + b,
            (BinaryOperator.Add, IReadOnlyList<object?> a, IReadOnlyList<object?> b) => a.Concat(b).ToList(),
            (BinaryOperator.Equal, _, _) => Equals(left, right),
            (BinaryOperator.NotEqual, _, _) => !Equals(left, right),
            (BinaryOperator.And, bool a, bool b) => a && b,
            (BinaryOperator.Or, bool a, bool b) => a || b,
            (BinaryOperator.Default, _, _) => left ?? right,
            _ => Unknown,
        };
        if (ReferenceEquals(value, Unknown))
        {
            value = null;
            return false;
        }

        return true;
    }

    private static readonly object Unknown = new();

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
