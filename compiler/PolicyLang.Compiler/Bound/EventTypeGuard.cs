// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Bound;

/// <summary>
/// Finds the event types an event rule can report on, from the <c>e.type == "x"</c> / <c>e.type in [...]</c> tests
/// of its <c>when</c> clauses (through constants and user functions), so the engine can index rules by event type
/// as Falco indexes by <c>evt.type</c>. The answer must be exact about errors as well as findings: a rule is indexed
/// only when, for every other type, its exceptions and conditions are sure to be false without failing, so skipping
/// it changes nothing. Anything it cannot prove makes the rule apply to every type (null).
/// </summary>
public static class EventTypeGuard
{
    /// <summary>The event types the rule can apply to, sorted ordinally; null when it may apply to any type (or is not an event rule).</summary>
    public static IReadOnlyList<string>? TypesOf(BoundRule rule, IReadOnlyDictionary<FunctionSymbol, BoundFunction> functions)
    {
        if (rule.Subject != SubjectKind.Event || rule.Conditions.Count == 0)
        {
            return null;
        }

        var analysis = new Analysis(functions);
        var subject = new HashSet<LocalSymbol> { rule.SubjectVariable };

        // Exceptions run before the conditions on every event: they must be unable to fail.
        if (rule.Exceptions.Any(e => !analysis.CannotFail(e.Condition, subject) || !analysis.CannotFail(e.Reason, subject)))
        {
            return null;
        }

        var guard = analysis.Analyze(rule.Conditions[0], subject);
        for (var i = 1; i < rule.Conditions.Count; i++)
        {
            guard = analysis.And(guard, rule.Conditions[i], subject);
        }

        return guard is { Types: { } types, SafeOutside: true } ? [.. types.Order(StringComparer.Ordinal)] : null;
    }

    /// <summary>Every function of a program by symbol, for <see cref="TypesOf"/>.</summary>
    public static IReadOnlyDictionary<FunctionSymbol, BoundFunction> FunctionsOf(BoundProgram program) =>
        program.Packages.SelectMany(p => p.Functions).ToDictionary(f => f.Symbol);

    /// <summary>
    /// What is known of a condition. <see cref="Types"/>: outside these event types it is false (null: no such
    /// set). <see cref="SafeOutside"/>: outside <see cref="Types"/> (everywhere when null) it cannot fail.
    /// <see cref="NeverFails"/>: it cannot fail on any event.
    /// </summary>
    private readonly record struct Guard(HashSet<string>? Types, bool SafeOutside, bool NeverFails);

    private sealed class Analysis(IReadOnlyDictionary<FunctionSymbol, BoundFunction> functions)
    {
        public Guard Analyze(BoundExpression condition, HashSet<LocalSymbol> subject)
        {
            switch (condition)
            {
                case BoundBinary { Kind: BinaryOperationKind.LogicalAnd } and:
                    return And(Analyze(and.Left, subject), and.Right, subject);
                case BoundBinary { Kind: BinaryOperationKind.LogicalOr } or:
                {
                    var left = Analyze(or.Left, subject);
                    var right = Analyze(or.Right, subject);
                    var neverFails = left.NeverFails && right.NeverFails;
                    return left is { Types: { } a, SafeOutside: true } && right is { Types: { } b, SafeOutside: true }
                        ? new Guard([.. a, .. b], true, neverFails)
                        : new Guard(null, neverFails, neverFails);
                }

                case BoundFunctionCall call when Inlined(call, subject) is { } inlined:
                    return Analyze(inlined.Body, inlined.Subject);
                default:
                    if (TypeTest(condition, subject) is { } types)
                    {
                        return new Guard(types, true, true);
                    }

                    var safe = CannotFail(condition, subject);
                    return new Guard(null, safe, safe);
            }
        }

        /// <summary><c>left and right</c>, evaluated left to right with short-circuit, as generated code does.</summary>
        public Guard And(Guard left, BoundExpression rightExpression, HashSet<LocalSymbol> subject)
        {
            if (!left.SafeOutside)
            {
                return new Guard(null, false, false);
            }

            var right = Analyze(rightExpression, subject);
            var neverFails = left.NeverFails && right.NeverFails;
            if (left.Types is not { } leftTypes)
            {
                // The left side never fails and restricts nothing: what is known is what the right side says.
                return right with { NeverFails = neverFails };
            }

            // Outside the left side's types the right side is never reached; outside both, it is false without failing.
            if (right is { SafeOutside: true, Types: { } rightTypes })
            {
                return new Guard([.. leftTypes.Where(rightTypes.Contains)], true, neverFails);
            }

            return new Guard(leftTypes, true, neverFails);
        }

        /// <summary>The types an <c>e.type == "x"</c>, <c>"x" == e.type</c> or <c>e.type in [...]</c> test admits; null for anything else.</summary>
        private static HashSet<string>? TypeTest(BoundExpression condition, HashSet<LocalSymbol> subject)
        {
            switch (condition)
            {
                case BoundBinary { Kind: BinaryOperationKind.Equality, Operator: BinaryOperator.Equal } equality:
                    if (IsEventType(equality.Left, subject) && StringValue(equality.Right) is { } right)
                    {
                        return [right];
                    }

                    return IsEventType(equality.Right, subject) && StringValue(equality.Left) is { } left ? [left] : null;
                case BoundBinary { Kind: BinaryOperationKind.ListContains or BinaryOperationKind.SetContains, Operator: BinaryOperator.In } contains
                    when IsEventType(contains.Left, subject):
                    return StringValues(contains.Right) is { } values ? [.. values] : null;
                default:
                    return null;
            }
        }

        private static bool IsEventType(BoundExpression expression, HashSet<LocalSymbol> subject) =>
            expression is BoundField { Field.Name: "type", Target: BoundLocal local } field
            && subject.Contains(local.Local)
            && field.Field.Property.DeclaringType == typeof(RuntimeEvent);

        /// <summary>A string known at compile time (literal, or constant naming one); null for absent or anything else.</summary>
        private static string? StringValue(BoundExpression expression) => expression switch
        {
            BoundLiteral { Value: string text } => text,
            BoundConstantReference { Value: { } value } => StringValue(value),
            _ => null,
        };

        /// <summary>The strings of a list or set known at compile time; null when an element is not a known string.</summary>
        private static List<string>? StringValues(BoundExpression expression)
        {
            IReadOnlyList<BoundExpression> elements;
            switch (expression)
            {
                case BoundConstantReference { Value: { } value }:
                    return StringValues(value);
                case BoundListLiteral list:
                    elements = list.Elements;
                    break;
                case BoundSetLiteral set:
                    elements = set.Elements;
                    break;
                default:
                    return null;
            }

            var values = new List<string>(elements.Count);
            foreach (var element in elements)
            {
                if (StringValue(element) is not { } text)
                {
                    return null;
                }

                values.Add(text);
            }

            return values;
        }

        /// <summary>
        /// True when evaluating the expression cannot throw on any event: reads of the event's plain properties,
        /// literals, constants, parameters, locals, comparisons for equality, membership, <c>and</c>/<c>or</c>/<c>not</c>,
        /// <c>??</c>, interpolation, and calls of functions without <c>let</c> made only of these. Built-in calls,
        /// arithmetic (overflow), conversions and indexing are not proven.
        /// </summary>
        public bool CannotFail(BoundExpression expression, HashSet<LocalSymbol> subject)
        {
            switch (expression)
            {
                case BoundLiteral or BoundConstantReference or BoundParamReference or BoundLocal:
                    return true;
                case BoundField field:
                    return field.Field.Conversion == ReadConversion.None && IsEventProperty(field.Field) && CannotFail(field.Target, subject);
                case BoundBinary binary:
                    return binary.Kind is BinaryOperationKind.Equality or BinaryOperationKind.ListContains or BinaryOperationKind.SetContains
                            or BinaryOperationKind.MapContainsKey or BinaryOperationKind.StringContains or BinaryOperationKind.LogicalAnd
                            or BinaryOperationKind.LogicalOr or BinaryOperationKind.Default or BinaryOperationKind.NumericComparison
                        && CannotFail(binary.Left, subject) && CannotFail(binary.Right, subject);
                case BoundUnary { Operator: UnaryOperator.Not } not:
                    return CannotFail(not.Operand, subject);
                case BoundInterpolatedString interpolated:
                    return interpolated.Parts.All(p => CannotFail(p, subject));
                case BoundListLiteral list:
                    return list.Elements.All(e => CannotFail(e, subject));
                case BoundSetLiteral set:
                    return set.Elements.All(e => CannotFail(e, subject));
                case BoundFunctionCall call:
                    return Inlined(call, subject) is { } inlined && CannotFail(inlined.Body, inlined.Subject);
                default:
                    return false;
            }
        }

        /// <summary>
        /// A call of a function without <c>let</c> whose arguments cannot fail: its body, and which of its parameters
        /// stand for the event. Functions are not recursive, so inlining terminates.
        /// </summary>
        private (BoundExpression Body, HashSet<LocalSymbol> Subject)? Inlined(BoundFunctionCall call, HashSet<LocalSymbol> subject)
        {
            if (!functions.TryGetValue(call.Function, out var function) || function.Lets.Count > 0
                || call.Arguments.Count != call.Function.Parameters.Count || !call.Arguments.All(a => CannotFail(a, subject)))
            {
                return null;
            }

            var parameters = new HashSet<LocalSymbol>();
            for (var i = 0; i < call.Arguments.Count; i++)
            {
                if (call.Arguments[i] is BoundLocal local && subject.Contains(local.Local))
                {
                    parameters.Add(call.Function.Parameters[i]);
                }
            }

            return (function.Body, parameters);
        }

        // The event's classes (RuntimeEvent, EventProcess, EventFile, …) hold plain init-only properties: reading them cannot fail.
        private static bool IsEventProperty(FieldSymbol field) =>
            field.Property.DeclaringType is { } type && type.Namespace == typeof(RuntimeEvent).Namespace
            && (type == typeof(RuntimeEvent) || type.Name.StartsWith("Event", StringComparison.Ordinal));
    }
}
