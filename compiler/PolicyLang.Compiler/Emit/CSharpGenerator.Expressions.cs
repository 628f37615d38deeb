// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Emit;

internal sealed partial class CSharpGenerator
{
    private static readonly string Ops = ClrTypes.Ops;

    /// <summary>A C# expression of the canonical C# type of the bound expression's type.</summary>
    private string Expression(BoundExpression expression)
    {
        if (expression.IsConstant && expression.Type is ListType or SetType or MapType && expression is not (BoundConstantReference or BoundLiteral))
        {
            return Hoist(expression);
        }

        if (ShouldHoistInvariant(expression))
        {
            return HoistInvariant(expression);
        }

        if (KeyedInvariantArgument(expression) is { } keyed)
        {
            return HoistKeyedInvariant(expression, keyed);
        }

        return expression switch
        {
            BoundLiteral literal => LiteralOf(literal.Value, literal.Type),
            BoundInterpolatedString interpolated => Interpolation(interpolated),
            BoundLocal local => _method.NameOf(local.Local),
            BoundConstantReference constant => _memberNames[constant.Constant],
            BoundParamReference param => _memberNames[param.Parameter],
            BoundField field => FieldRead(field),
            BoundDynamicMember member => member.Target.Type is ObjectType
                ? $"{Expression(member.Target)}?.Get({Literal(member.Name)})"
                : $"{Ops}.Get({Expression(member.Target)}, {Literal(member.Name)})",
            BoundTypedObject typed => $"{Expression(typed.Manifest)}?.As<{ClrTypes.Name(typed.Model.ClrType)}>()",
            BoundIndex index => index.Kind switch
            {
                IndexKind.List => $"{Ops}.At({Expression(index.Target)}, {Expression(index.Index)})",
                IndexKind.Map => $"{Ops}.Get({Expression(index.Target)}, {Expression(index.Index)})",
                _ => $"{Ops}.Index({Expression(index.Target)}, {Expression(index.Index)})",
            },
            BoundFunctionCall call => FunctionCall(call),
            BoundBuiltinCall call => BuiltinCall(call),
            BoundInventoryQuery query => query.Kind switch
            {
                InventoryQueryKind.All => "ctx.Inventory.Objects",
                InventoryQueryKind.Workloads => "ctx.Inventory.Workloads",
                _ when query.Model is { } model => $"ctx.Inventory.OfKind<{ClrTypes.Name(model.ClrType)}>({Literal(query.ObjectKind ?? string.Empty)})",
                _ => $"ctx.Inventory.OfKind({Literal(query.ObjectKind ?? string.Empty)})",
            },
            BoundUnary unary => unary.Operator == UnaryOperator.Not
                ? $"{Ops}.Not({Expression(unary.Operand)})"
                : $"(-{Expression(unary.Operand)})",
            BoundBinary binary => Binary(binary),
            BoundConditional conditional => $"({Truth(conditional.Condition, Expression(conditional.Condition))} ? {Expression(conditional.WhenTrue)} : {Expression(conditional.WhenFalse)})",
            BoundQuantifier quantifier => Quantifier(quantifier),
            BoundComprehension comprehension => Comprehension(comprehension),
            BoundListLiteral list => $"(({ClrTypes.Of(list.Type)})new {ClrTypes.Builder(list.Type)} {{ {string.Join(", ", list.Elements.Select(Expression))} }})",
            BoundSetLiteral set => $"(({ClrTypes.Of(set.Type)})new {ClrTypes.Builder(set.Type)} {{ {string.Join(", ", set.Elements.Select(Expression))} }})",
            BoundMapLiteral map => MapLiteral(map),
            BoundConversion conversion => Conversion(conversion),
            _ => throw new InvalidOperationException($"Code generation reached {expression.GetType().Name}: the binder should have reported an error."),
        };
    }

    /// <summary>Computes a constant collection once, in a static field.</summary>
    private string Hoist(BoundExpression expression)
    {
        var saved = _method;
        _method = new MethodState(null);
        string initializer = expression switch
        {
            BoundListLiteral list => $"{Ops}.ConstList<{ClrTypes.Of(((ListType)list.Type).Element)}>({string.Join(", ", list.Elements.Select(Expression))})",
            BoundSetLiteral set => $"{Ops}.ConstSet<{ClrTypes.Of(((SetType)set.Type).Element)}>({string.Join(", ", set.Elements.Select(Expression))})",
            BoundConversion conversion => Conversion(conversion),
            BoundMapLiteral map => MapLiteral(map),
            _ => HoistedExpression(expression),
        };
        _method = saved;
        var name = $"h{_staticFields.Count}";
        _staticFields.Add((name, ClrTypes.Of(expression.Type), initializer));
        return name;
    }

    /// <summary>A map literal: entries stored one after the other, each skipped when its key is absent.</summary>
    private string MapLiteral(BoundMapLiteral map)
    {
        var text = $"(({ClrTypes.Of(map.Type)})new {ClrTypes.Builder(map.Type)}())";
        foreach (var (key, value) in map.Entries)
        {
            text = $"{Ops}.Put({text}, {Expression(key)}, {Expression(value)})";
        }

        return text;
    }

    private string HoistedExpression(BoundExpression expression)
    {
        // A constant expression of a collection type other than a literal (e.g. list + list): compute it as usual.
        var text = expression switch
        {
            BoundBinary binary => Binary(binary),
            BoundConditional conditional => $"({Truth(conditional.Condition, Expression(conditional.Condition))} ? {Expression(conditional.WhenTrue)} : {Expression(conditional.WhenFalse)})",
            _ => throw new InvalidOperationException("Unexpected constant collection " + expression.GetType().Name),
        };
        return text;
    }

    private string LiteralOf(object? value, TypeSymbol type) => value switch
    {
        null => type == TypeSymbol.Null ? "(object)null" : $"default({ClrTypes.Of(type)})",
        long l => $"((long?){l.ToString(CultureInfo.InvariantCulture)}L)",
        // Roslyn folds ((double?)-0D) == x into x.GetValueOrDefault() == 0, dropping the HasValue test (0 == -0):
        // an absent x would equal -0.0. Negating at run time keeps the value and the test.
        double d when d == 0 && double.IsNegative(d) => "(-((double?)0D))",
        double d => $"((double?){d.ToString("R", CultureInfo.InvariantCulture)}D)",
        bool b => b ? "((bool?)true)" : "((bool?)false)",
        string s => Literal(s),
        _ => throw new InvalidOperationException("Unexpected literal " + value.GetType().Name),
    };

    private string Interpolation(BoundInterpolatedString interpolated)
    {
        var parts = interpolated.Parts.Select(p => p is BoundLiteral { Value: string s } ? Literal(s) : $"{Ops}.Str({Expression(p)})").ToArray();
        return Concat(parts);
    }

    private string FieldRead(BoundField field)
    {
        var target = Expression(field.Target);
        var access = field.Target is BoundLocal { Local.Kind: LocalKind.Subject } ? "." : "?.";
        var read = $"{target}{access}{field.Field.Property.Name}";
        var propertyType = field.Field.Property.PropertyType;
        var canonical = ClrTypes.Of(field.Type);
        switch (field.Field.Conversion)
        {
            case ReadConversion.IntOrString:
                return $"{Ops}.Text({read})";
            case ReadConversion.DateTime:
                return $"{Ops}.Time({read})";
            case ReadConversion.Base64:
                return $"{Ops}.Base64({read})";
            case ReadConversion.ObjectToDynamic:
                return $"{Ops}.FromObject({read})";
        }

        var actual = ClrTypes.Name(propertyType);
        if (actual == canonical || actual + "?" == canonical)
        {
            return actual == canonical || access == "?." ? read : $"(({canonical}){read})";
        }

        if (field.Type is ListType { Element: PrimitiveType { Kind: PrimitiveKind.Int } })
        {
            return $"{Ops}.ToLongList({read})";
        }

        if (field.Type is ListType { Element: PrimitiveType { Kind: PrimitiveKind.Float } })
        {
            return $"{Ops}.ToDoubleList({read})";
        }

        return $"(({canonical}){read})";
    }

    private string FunctionCall(BoundFunctionCall call) => FunctionCall(call, [.. call.Arguments.Select(Expression)]);

    private string FunctionCall(BoundFunctionCall call, IReadOnlyList<string> arguments) => $"{_memberNames[call.Function]}(ctx{string.Concat(arguments.Select(a => ", " + a))})";

    private string BuiltinCall(BoundBuiltinCall call)
    {
        if (IsIntOfSubstring(call, out var substring))
        {
            // int(substring(…)): parsed from the span, without the intermediate string (same value, see Ops.IntOfSubstring).
            return $"{Ops}.IntOfSubstring({string.Join(", ", substring.Arguments.Select(Expression))})";
        }

        return BuiltinCall(call, i => Expression(call.Arguments[i]));
    }

    /// <summary>A built-in call whose arguments are written by <paramref name="argument"/> (by index).</summary>
    private string BuiltinCall(BoundBuiltinCall call, Func<int, string> argument)
    {
        var method = call.Overload.Method;
        var typeArguments = method.IsGenericMethodDefinition
            ? "<" + string.Join(", ", method.GetGenericArguments().Select(g => ClrTypes.Of(call.TypeArguments.GetValueOrDefault(g.Name) ?? TypeSymbol.Dynamic))) + ">"
            : string.Empty;
        var arguments = call.Overload.Prepared is { } prepared && PreparedArguments(call, prepared, argument) is { } preparedArguments
            ? preparedArguments
            : [.. call.Arguments.Select((_, i) => argument(i))];
        if (call.Overload.TakesContext)
        {
            arguments.Insert(0, "ctx");
        }

        var text = $"{ClrTypes.Name(method.DeclaringType ?? typeof(object))}.{method.Name}{typeArguments}({string.Join(", ", arguments)})";
        var canonical = ClrTypes.Of(call.Type);
        var returned = ClrTypes.Name(method.ReturnType);
        return returned == canonical || method.ReturnType.ContainsGenericParameters ? text : $"(({canonical}){text})";
    }

    private static bool IsIntOfSubstring(BoundBuiltinCall call, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out BoundBuiltinCall? substring)
    {
        substring = call is { Overload.Method: { Name: nameof(Runtime.Builtins.StringBuiltins.ToInt) } toInt, Arguments: [BoundBuiltinCall inner] }
            && toInt.DeclaringType == typeof(Runtime.Builtins.StringBuiltins)
            && toInt.GetParameters() is [{ ParameterType: var parameter }] && parameter == typeof(string)
            && inner.Overload.Method is { Name: nameof(Runtime.Builtins.StringBuiltins.Substring) } sub
            && sub.DeclaringType == typeof(Runtime.Builtins.StringBuiltins)
            && !inner.Overload.TakesContext
            ? inner
            : null;
        return substring is not null;
    }

    private string Binary(BoundBinary binary)
    {
        var op = binary.Operator;
        var left = binary.Left;
        var right = binary.Right;
        var negate = op is BinaryOperator.NotEqual or BinaryOperator.NotIn ? "!" : string.Empty;
        switch (binary.Kind)
        {
            case BinaryOperationKind.NumericArithmetic:
            case BinaryOperationKind.TimeArithmetic:
                return $"({Expression(left)} {Symbol(op)} {Expression(right)})";
            case BinaryOperationKind.StringConcat:
                return $"string.Concat({Expression(left)}, {Expression(right)})";
            case BinaryOperationKind.ListConcat:
                return $"{Ops}.Concat({Expression(left)}, {Expression(right)})";
            case BinaryOperationKind.Equality:
                if (IsNullLiteral(left) || IsNullLiteral(right))
                {
                    var operand = IsNullLiteral(left) ? right : left;
                    return operand.Type is ObjectType or ListType or SetType or MapType || operand.Type == TypeSymbol.String || operand.Type == TypeSymbol.Quantity || IsNullLiteral(operand)
                        ? $"((bool?)((object){Expression(operand)} {Symbol(op)} null))"
                        : $"((bool?)({Expression(operand)} {Symbol(op)} null))";
                }

                return $"((bool?)({Expression(left)} {Symbol(op)} {Expression(right)}))";
            case BinaryOperationKind.NumericComparison:
            case BinaryOperationKind.TimeComparison:
                return $"((bool?)({Expression(left)} {Symbol(op)} {Expression(right)}))";
            case BinaryOperationKind.StringComparison:
            case BinaryOperationKind.QuantityComparison:
            case BinaryOperationKind.DynamicComparison:
                return $"((bool?)({Ops}.Compare({Expression(left)}, {Expression(right)}) {Symbol(op)} 0))";
            case BinaryOperationKind.QuantityEquality:
                return $"((bool?){negate}{Ops}.QuantityEquals({Expression(left)}, {Expression(right)}))";
            case BinaryOperationKind.DynamicEquality:
                if (IsNullLiteral(left) || IsNullLiteral(right))
                {
                    var operand = IsNullLiteral(left) ? right : left;
                    return operand.Type is DynamicType
                        ? $"((bool?){negate}{Ops}.IsAbsent({Expression(operand)}))"
                        : $"((bool?)({Expression(operand)} {Symbol(op)} null))";
                }

                return $"((bool?){negate}{Ops}.Eq({Expression(left)}, {Expression(right)}))";
            case BinaryOperationKind.StructuralEquality:
                return $"((bool?){negate}{Ops}.DeepEquals({Expression(left)}, {Expression(right)}))";
            case BinaryOperationKind.LogicalAnd:
                return $"((bool?)({Truth(left, Expression(left))} && {Truth(right, Expression(right))}))";
            case BinaryOperationKind.LogicalOr:
                return $"((bool?)({Truth(left, Expression(left))} || {Truth(right, Expression(right))}))";
            case BinaryOperationKind.ListContains:
            case BinaryOperationKind.SetContains:
                if (right.Type is ListType { Element: PrimitiveType { Kind: PrimitiveKind.Null } } or SetType { Element: PrimitiveType { Kind: PrimitiveKind.Null } })
                {
                    return negate.Length > 0 ? "((bool?)true)" : "((bool?)false)";
                }

                return $"((bool?){negate}{Ops}.Contains({Expression(right)}, {Expression(left)}))";
            case BinaryOperationKind.MapContainsKey:
                return $"((bool?){negate}{Ops}.ContainsKey({Expression(right)}, {Expression(left)}))";
            case BinaryOperationKind.StringContains:
                return $"((bool?){negate}{Ops}.ContainsText({Expression(left)}, {Expression(right)}))";
            case BinaryOperationKind.DynamicContains:
                return $"((bool?){negate}{Ops}.DynContains({Expression(right)}, {Expression(left)}))";
            case BinaryOperationKind.Default:
                return binary.Type is DynamicType
                    ? $"{Ops}.Coalesce({Expression(left)}, {Expression(right)})"
                    : $"({Expression(left)} ?? {Expression(right)})";
            default:
                throw new InvalidOperationException("Unknown binary operation " + binary.Kind);
        }
    }

    private static bool IsNullLiteral(BoundExpression expression) => Operators.IsAbsentValue(expression);

    private static string Symbol(BinaryOperator op) => op switch
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
        _ => throw new InvalidOperationException("No C# symbol for " + op),
    };

    private string Conversion(BoundConversion conversion)
    {
        var operand = conversion.Operand;
        var target = conversion.TargetType;
        if (operand.Type is DynamicType)
        {
            var value = Expression(operand);
            return target switch
            {
                PrimitiveType { Kind: PrimitiveKind.String } => $"{Ops}.AsString({value})",
                PrimitiveType { Kind: PrimitiveKind.Int } => $"{Ops}.AsLong({value})",
                PrimitiveType { Kind: PrimitiveKind.Float } => $"{Ops}.AsDouble({value})",
                PrimitiveType { Kind: PrimitiveKind.Bool } => $"{Ops}.AsBool({value})",
                PrimitiveType { Kind: PrimitiveKind.Quantity } => $"{Ops}.AsQuantity({value})",
                PrimitiveType { Kind: PrimitiveKind.Duration } => $"{Ops}.AsDuration({value})",
                PrimitiveType { Kind: PrimitiveKind.Timestamp } => $"{Ops}.AsTimestamp({value})",
                _ => value,
            };
        }

        if (operand.Type == TypeSymbol.Int && target == TypeSymbol.Float)
        {
            return $"((double?){Expression(operand)})";
        }

        if (operand.Type == TypeSymbol.String && target == TypeSymbol.Quantity)
        {
            if (operand.IsConstant && ConstantEvaluator.TryEvaluate(operand, out var constant) && constant is string text)
            {
                var name = $"h{_staticFields.Count}";
                _staticFields.Add((name, ClrTypes.Of(TypeSymbol.Quantity), $"{Ops}.Quantity({Literal(text)})"));
                return name;
            }

            return $"{Ops}.Quantity({Expression(operand)})";
        }

        if (operand.Type == TypeSymbol.Null)
        {
            return $"default({ClrTypes.Of(target)})";
        }

        return Expression(operand);
    }

    private string Quantifier(BoundQuantifier quantifier)
    {
        var returnType = quantifier.Kind == QuantifierKind.Count ? "long?" : "bool?";
        return LocalFunction(returnType, () =>
        {
            var counter = _method.Temp("count");
            if (quantifier.Kind == QuantifierKind.Count)
            {
                Line($"long {counter} = 0;");
            }

            Loop(quantifier.Iteration, () =>
            {
                var predicate = Expression(quantifier.Predicate);
                FlushLocalFunctions();
                var truth = Truth(quantifier.Predicate, predicate);
                Line(quantifier.Kind switch
                {
                    QuantifierKind.Any => $"if ({truth}) return true;",
                    QuantifierKind.All => $"if (!({truth})) return false;",
                    _ => $"if ({truth}) {counter}++;",
                });
            });
            Line(quantifier.Kind switch
            {
                QuantifierKind.Any => "return false;",
                QuantifierKind.All => "return true;",
                _ => $"return {counter};",
            });
        });
    }

    private string Comprehension(BoundComprehension comprehension)
    {
        var type = comprehension.Type;
        return LocalFunction(ClrTypes.Of(type), () =>
        {
            var result = _method.Temp("result");
            // In rules and functions a list is taken from the context's scratch lists (no allocation once warm);
            // functions may run without a context (invariants), constants always do.
            var builder = type is ListType list && _method.Owner is not null
                ? $"(ctx != null ? ctx.ScratchList<{ClrTypes.Of(list.Element)}>() : new {ClrTypes.Builder(type)}())"
                : $"new {ClrTypes.Builder(type)}()";
            Line($"var {result} = {builder};");
            Loop(comprehension.Iteration, () =>
            {
                if (comprehension.Filter is { } filter)
                {
                    var condition = Expression(filter);
                    FlushLocalFunctions();
                    Line($"if (!({Truth(filter, condition)})) continue;");
                }

                var element = Expression(comprehension.Element);
                if (comprehension.Kind == ComprehensionKind.Map && comprehension.Value is { } value)
                {
                    var key = _method.Temp("key");
                    var valueText = Expression(value);
                    FlushLocalFunctions();
                    Line($"var {key} = {element};");
                    Line($"if ({key} != null) {result}[{key}] = {valueText};");
                }
                else
                {
                    FlushLocalFunctions();
                    Line($"{result}.Add({element});");
                }
            });
            Line($"return {result};");
        });
    }
}
