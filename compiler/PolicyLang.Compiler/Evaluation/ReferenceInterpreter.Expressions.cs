// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Reflection;
using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Emit;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Subjects;
using PolicyLang.Runtime.Values;

namespace PolicyLang.Compiler.Evaluation;

public sealed partial class ReferenceInterpreter
{
    private static readonly MethodInfo ConstListDefinition = typeof(Ops).GetMethod(nameof(Ops.ConstList)) ?? throw new InvalidOperationException("Ops.ConstList is missing.");
    private static readonly MethodInfo ConstSetDefinition = typeof(Ops).GetMethod(nameof(Ops.ConstSet)) ?? throw new InvalidOperationException("Ops.ConstSet is missing.");
    private static readonly MethodInfo AtDefinition = Reflect.GenericDefinition(typeof(Ops), nameof(Ops.At), typeof(IList<>));
    private static readonly MethodInfo PathAtDefinition = Reflect.GenericDefinition(typeof(Ops), nameof(Ops.PathAt), typeof(IList<>));
    private static readonly MethodInfo GetDefinition = Reflect.GenericDefinition(typeof(Ops), nameof(Ops.Get), typeof(IDictionary<,>));
    private static readonly MethodInfo OfKindDefinition = typeof(Runtime.Evaluation.IInventory).GetMethods().Single(m => m.Name == nameof(Runtime.Evaluation.IInventory.OfKind) && m.IsGenericMethodDefinition);
    private static readonly MethodInfo StrOfEnumerable = typeof(Ops).GetMethods().Single(m => m.Name == nameof(Ops.Str) && m.IsGenericMethodDefinition);
    private static readonly MethodInfo StrOfObject = Reflect.Static(typeof(Ops), nameof(Ops.Str), typeof(object)) ?? throw new InvalidOperationException("Ops.Str(object) is missing.");

    private readonly ConcurrentDictionary<BoundBuiltinCall, MethodInfo> _builtinMethods = new(ReferenceEqualityComparer.Instance);

    /// <summary>The value of an expression: the CLR value generated code computes (absent is null).</summary>
    private object? Evaluate(BoundExpression expression, Frame frame)
    {
        // Generated code computes constant collections once, into static fields (read-only lists, hash sets).
        if (expression.IsConstant && expression.Type is ListType or SetType or MapType && expression is not (BoundConstantReference or BoundLiteral))
        {
            return _hoisted.GetOrAdd(expression, e => new Lazy<object?>(() => Hoist(e))).Value;
        }

        return expression switch
        {
            BoundLiteral literal => literal.Value,
            BoundInterpolatedString interpolated => Interpolation(interpolated, frame),
            BoundLocal local => frame.Get(local.Local),
            BoundConstantReference constant => ConstantValue(constant.Constant),
            BoundParamReference param => _parameters.TryGetValue(param.Parameter, out var value) ? value : throw new InvalidOperationException($"The parameter '{param.Parameter.Name}' is not declared."),
            BoundField field => FieldRead(field, frame),
            BoundDynamicMember member => DynamicMember(member, frame),
            BoundTypedObject typed => Evaluate(typed.Manifest, frame) is ManifestSubject manifest ? Reflect.Invoke(Reflect.Generic(AsDefinition, typed.Model.ClrType), manifest) : null,
            BoundIndex index => Index(index, frame),
            BoundFunctionCall call => CallFunction(call, frame),
            BoundBuiltinCall call => CallBuiltin(call, frame),
            BoundInventoryQuery query => Inventory(query, frame),
            BoundUnary unary => Unary(unary, frame),
            BoundBinary binary => Binary(binary, frame),
            BoundConditional conditional => Truth(conditional.Condition, frame) ? Evaluate(conditional.WhenTrue, frame) : Evaluate(conditional.WhenFalse, frame),
            BoundQuantifier quantifier => Quantifier(quantifier, frame),
            BoundComprehension comprehension => Comprehension(comprehension, frame),
            BoundListLiteral list => Build(CollectionShape.For(ClrTypeMap.ElementOf(list.Type)).NewList(), list.Elements, frame),
            BoundSetLiteral set => Build(CollectionShape.For(ClrTypeMap.ElementOf(set.Type)).NewSet(), set.Elements, frame),
            BoundMapLiteral map => BuildMap(map, frame),
            BoundConversion conversion => Conversion(conversion, frame),
            _ => throw new InvalidOperationException($"The interpreter reached {expression.GetType().Name}: the binder should have reported an error."),
        };
    }

    /// <summary>A condition's truth as generated code reads it: bool (absent is false), dynamic as bool, anything else false unevaluated.</summary>
    private bool Truth(BoundExpression expression, Frame frame) => expression.Type switch
    {
        PrimitiveType { Kind: PrimitiveKind.Bool } => Ops.True(Values.Bool(Evaluate(expression, frame))),
        DynamicType => Ops.True(Ops.AsBool(Values.Doc(Evaluate(expression, frame)))),
        _ => false,
    };

    /// <summary>The value of a constant collection expression, computed once (the generator's static fields).</summary>
    private object? Hoist(BoundExpression expression)
    {
        var frame = new Frame(null);
        switch (expression)
        {
            case BoundListLiteral list:
            {
                var element = ClrTypeMap.ElementOf(list.Type);
                var items = CollectionShape.ToArray(element, list.Elements.Select(e => Evaluate(e, frame)).ToArray());
                return Reflect.Invoke(Reflect.Generic(ConstListDefinition, element), null, items);
            }

            case BoundSetLiteral set:
            {
                var element = ClrTypeMap.ElementOf(set.Type);
                var items = CollectionShape.ToArray(element, set.Elements.Select(e => Evaluate(e, frame)).ToArray());
                return Reflect.Invoke(Reflect.Generic(ConstSetDefinition, element), null, items);
            }

            case BoundConversion conversion:
                return Conversion(conversion, frame);
            case BoundMapLiteral map:
                return BuildMap(map, frame);
            case BoundBinary binary:
                return Binary(binary, frame);
            case BoundConditional conditional:
                return Truth(conditional.Condition, frame) ? Evaluate(conditional.WhenTrue, frame) : Evaluate(conditional.WhenFalse, frame);
            default:
                throw new InvalidOperationException("Unexpected constant collection " + expression.GetType().Name);
        }
    }

    private object Build(object builder, IReadOnlyList<BoundExpression> elements, Frame frame)
    {
        foreach (var element in elements)
        {
            CollectionShape.Add(builder, Evaluate(element, frame));
        }

        return builder;
    }

    private object BuildMap(BoundMapLiteral map, Frame frame)
    {
        // Ops.Put(map, k, v) per entry: key, value, then store unless the key is absent.
        var builder = CollectionShape.For(ClrTypeMap.ElementOf(map.Type)).NewMap();
        foreach (var (key, value) in map.Entries)
        {
            var k = Values.Text(Evaluate(key, frame));
            var v = Evaluate(value, frame);
            if (k is not null)
            {
                CollectionShape.Put(builder, k, v);
            }
        }

        return builder;
    }

    private string Interpolation(BoundInterpolatedString interpolated, Frame frame)
    {
        var parts = new List<string>(interpolated.Parts.Count);
        foreach (var part in interpolated.Parts)
        {
            parts.Add(part is BoundLiteral { Value: string text } ? text : Str(part, Evaluate(part, frame)));
        }

        return string.Concat(parts);
    }

    /// <summary><c>Ops.Str(value)</c>, with the overload C# picks for the expression's type.</summary>
    private static string Str(BoundExpression part, object? value)
    {
        var type = ClrTypeMap.Of(part.Type);
        var method = Reflect.Static(typeof(Ops), nameof(Ops.Str), type);
        if (method is null && EnumeratedType(type) is { } element)
        {
            method = Reflect.Generic(StrOfEnumerable, element);
        }

        return Reflect.Invoke(method ?? StrOfObject, null, value) as string ?? string.Empty;
    }

    /// <summary>T when the type is IEnumerable&lt;T&gt; (other than string).</summary>
    private static Type? EnumeratedType(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    private object? FieldRead(BoundField field, Frame frame)
    {
        var target = Evaluate(field.Target, frame);
        var property = field.Field.Property;
        object? read;
        if (target is null)
        {
            // target.Property on the subject, target?.Property on anything else.
            read = field.Target is BoundLocal { Local.Kind: LocalKind.Subject } ? throw new NullReferenceException() : null;
        }
        else
        {
            read = Reflect.Get(property, target);
        }

        switch (field.Field.Conversion)
        {
            case ReadConversion.IntOrString:
                return Ops.Text((k8s.Models.IntOrString?)read);
            case ReadConversion.DateTime:
                return Ops.Time((DateTime?)read);
            case ReadConversion.Base64:
                return Ops.Base64((byte[]?)read);
            case ReadConversion.ObjectToDynamic:
                return Ops.FromObject(read);
        }

        var actual = ClrTypes.Name(property.PropertyType);
        var canonical = ClrTypes.Of(field.Type);
        if (actual == canonical || actual + "?" == canonical)
        {
            return read;
        }

        if (field.Type is ListType { Element: PrimitiveType { Kind: PrimitiveKind.Int or PrimitiveKind.Float } } list)
        {
            var name = list.Element == TypeSymbol.Int ? nameof(Ops.ToLongList) : nameof(Ops.ToDoubleList);
            var conversion = typeof(Ops).GetMethods().FirstOrDefault(m => m.Name == name && m.GetParameters()[0].ParameterType.IsAssignableFrom(property.PropertyType))
                ?? throw new InvalidOperationException($"No Ops.{name} overload takes {property.PropertyType.Name}.");
            return Reflect.Invoke(conversion, null, read);
        }

        return Reflect.Cast(read, ClrTypeMap.Of(field.Type));
    }

    private object? DynamicMember(BoundDynamicMember member, Frame frame)
    {
        var target = Evaluate(member.Target, frame);
        if (member.Target.Type is ObjectType objectType)
        {
            // target?.Get(name) on a subject type with dynamic members.
            var get = objectType.ClrType.GetMethod("Get", [typeof(string)]) ?? throw new InvalidOperationException($"{objectType.ClrType.Name} has no Get(string).");
            return target is null ? null : Reflect.Invoke(get, target, member.Name);
        }

        return Ops.Get(Values.Doc(target), member.Name);
    }

    private object? Index(BoundIndex index, Frame frame)
    {
        var target = Evaluate(index.Target, frame);
        var key = Evaluate(index.Index, frame);
        switch (index.Kind)
        {
            case IndexKind.List:
                return Reflect.Invoke(Reflect.Generic(AtDefinition, ClrTypeMap.ElementOf(index.Target.Type)), null, target, Values.Long(key));
            case IndexKind.Map:
                return Reflect.Invoke(Reflect.Generic(GetDefinition, ClrTypeMap.ElementOf(index.Target.Type)), null, target, Values.Text(key));
            default:
                var node = Values.Doc(target);
                return index.Index.Type switch
                {
                    PrimitiveType { Kind: PrimitiveKind.Int } => Ops.Index(node, Values.Long(key)),
                    PrimitiveType { Kind: PrimitiveKind.String } => Ops.Index(node, Values.Text(key)),
                    _ => Ops.Index(node, Values.Doc(key)),
                };
        }
    }

    private object? CallFunction(BoundFunctionCall call, Frame frame)
    {
        var function = _functions.TryGetValue(call.Function, out var bound) ? bound : throw new InvalidOperationException($"The function '{call.Function.Name}' has no bound body.");
        var arguments = call.Arguments.Select(a => Evaluate(a, frame)).ToArray();
        var callee = new Frame(frame.ContextOrNull);
        for (var i = 0; i < arguments.Length; i++)
        {
            callee.Set(function.Symbol.Parameters[i], arguments[i]);
        }

        foreach (var let in function.Lets)
        {
            callee.Set(let.Local, Evaluate(let.Value, callee));
        }

        return Evaluate(function.Body, callee);
    }

    private object? CallBuiltin(BoundBuiltinCall call, Frame frame)
    {
        var definition = call.Overload.Method;
        var method = _builtinMethods.GetOrAdd(call, static c => c.Overload.Method.IsGenericMethodDefinition
            ? c.Overload.Method.MakeGenericMethod(c.Overload.Method.GetGenericArguments().Select(g => ClrTypeMap.Of(c.TypeArguments.GetValueOrDefault(g.Name) ?? TypeSymbol.Dynamic)).ToArray())
            : c.Overload.Method);
        var arguments = new List<object?>(call.Arguments.Count + 1);
        if (call.Overload.TakesContext)
        {
            arguments.Add(frame.Context);
        }

        foreach (var argument in call.Arguments)
        {
            arguments.Add(Evaluate(argument, frame));
        }

        var result = Reflect.Invoke(method, null, [.. arguments]);

        // Generated code casts a result whose CLR type is not the canonical one (long to long?, …).
        var returned = ClrTypes.Name(definition.ReturnType);
        return returned == ClrTypes.Of(call.Type) || definition.ReturnType.ContainsGenericParameters ? result : Reflect.Cast(result, ClrTypeMap.Of(call.Type));
    }

    private static object? Inventory(BoundInventoryQuery query, Frame frame)
    {
        var inventory = frame.Context.Inventory;
        return query.Kind switch
        {
            InventoryQueryKind.All => inventory.Objects,
            InventoryQueryKind.Workloads => inventory.Workloads,
            _ when query.Model is { } model => Reflect.Invoke(Reflect.Generic(OfKindDefinition, model.ClrType), inventory, query.ObjectKind ?? string.Empty),
            _ => inventory.OfKind(query.ObjectKind ?? string.Empty),
        };
    }

    private object? Unary(BoundUnary unary, Frame frame)
    {
        var operand = Evaluate(unary.Operand, frame);
        if (unary.Operator == UnaryOperator.Not)
        {
            return Ops.Not(Values.Bool(operand));
        }

        return operand switch
        {
            null => null,
            long l => checked(-l),
            double d => -d,
            TimeSpan t => -t,
            _ => throw new InvalidOperationException("Cannot negate " + operand.GetType().Name),
        };
    }

    private object? Conversion(BoundConversion conversion, Frame frame)
    {
        var operand = conversion.Operand;
        var target = conversion.TargetType;
        if (operand.Type is DynamicType)
        {
            var value = Evaluate(operand, frame);
            return target switch
            {
                PrimitiveType { Kind: PrimitiveKind.String } => Ops.AsString(Values.Doc(value)),
                PrimitiveType { Kind: PrimitiveKind.Int } => Ops.AsLong(Values.Doc(value)),
                PrimitiveType { Kind: PrimitiveKind.Float } => Ops.AsDouble(Values.Doc(value)),
                PrimitiveType { Kind: PrimitiveKind.Bool } => Ops.AsBool(Values.Doc(value)),
                PrimitiveType { Kind: PrimitiveKind.Quantity } => Ops.AsQuantity(Values.Doc(value)),
                PrimitiveType { Kind: PrimitiveKind.Duration } => Ops.AsDuration(Values.Doc(value)),
                PrimitiveType { Kind: PrimitiveKind.Timestamp } => Ops.AsTimestamp(Values.Doc(value)),
                _ => value,
            };
        }

        if (operand.Type == TypeSymbol.Int && target == TypeSymbol.Float)
        {
            return Values.Long(Evaluate(operand, frame)) is { } l ? (double)l : null;
        }

        if (operand.Type == TypeSymbol.String && target == TypeSymbol.Quantity)
        {
            return Ops.Quantity(Values.Text(Evaluate(operand, frame)));
        }

        if (operand.Type == TypeSymbol.Null)
        {
            // default(T): the operand (a null-typed expression) is not evaluated.
            return null;
        }

        return Evaluate(operand, frame);
    }

    private object? Quantifier(BoundQuantifier quantifier, Frame frame)
    {
        long count = 0;
        var result = quantifier.Kind != QuantifierKind.Any;
        Loop(quantifier.Iteration, frame, () =>
        {
            var truth = Truth(quantifier.Predicate, frame);
            switch (quantifier.Kind)
            {
                case QuantifierKind.Any when truth:
                    result = true;
                    return LoopControl.Stop;
                case QuantifierKind.All when !truth:
                    result = false;
                    return LoopControl.Stop;
                case QuantifierKind.Count when truth:
                    count++;
                    break;
            }

            return LoopControl.Next;
        });
        return quantifier.Kind == QuantifierKind.Count ? count : result;
    }

    private object Comprehension(BoundComprehension comprehension, Frame frame)
    {
        var shape = CollectionShape.For(ClrTypeMap.ElementOf(comprehension.Type));
        var result = comprehension.Kind switch
        {
            ComprehensionKind.List => shape.NewList(),
            ComprehensionKind.Set => shape.NewSet(),
            _ => shape.NewMap(),
        };
        Loop(comprehension.Iteration, frame, () =>
        {
            if (comprehension.Filter is { } filter && !Truth(filter, frame))
            {
                return LoopControl.Continue;
            }

            var element = Evaluate(comprehension.Element, frame);
            if (comprehension.Kind == ComprehensionKind.Map && comprehension.Value is { } value)
            {
                // var key = element; if (key != null) result[key] = value;
                if (element is not null)
                {
                    CollectionShape.Put(result, Values.Text(element), Evaluate(value, frame));
                }
            }
            else
            {
                CollectionShape.Add(result, element);
            }

            return LoopControl.Next;
        });
        return result;
    }
}
