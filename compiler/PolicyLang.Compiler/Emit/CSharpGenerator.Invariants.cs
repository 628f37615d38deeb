// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Emit;

/// <summary>
/// Subject-invariant calls: a call whose value depends only on literals, constants and parameters (such as
/// <c>pss.since("v1.19")</c>, which reads the <c>version</c> parameter through a regex) is the same for every subject, so
/// it is computed once, when the policy instance is created with its parameter values, instead of on every
/// evaluation. Its failure is kept and thrown where the call is evaluated, so a rule that reaches a failing call
/// still fails on that subject exactly as before, and one that does not reach it is unaffected. A call that is
/// invariant but for one argument read from a constant map at a subject-dependent key (<c>pss.since(selinux_types[type])</c>)
/// is computed for every key of the map, and the subject pays one lookup (<c>KeyedInvariant</c>).
/// </summary>
internal sealed partial class CSharpGenerator
{
    private const string InitInvariants = "InitInvariants";

    // In the order they are computed; a keyed one's initializer builds its table and cannot fail.
    private readonly List<(string Name, string Type, string Initializer, bool Keyed)> _invariants = [];
    private readonly Dictionary<string, string> _invariantsByText = new(StringComparer.Ordinal);
    private readonly Dictionary<FunctionSymbol, bool> _contextFree = [];
    private Dictionary<FunctionSymbol, BoundFunction>? _functions;
    private readonly HashSet<FunctionSymbol> _emittedFunctions = [];
    private HashSet<FunctionSymbol>? _calledByDefaults;

    /// <summary>
    /// True for a call worth computing once: invariant, not already a constant, in a rule or in a function body. In a
    /// function body only when every function the call can reach has been written already: their own invariants then
    /// come earlier in <c>InitInvariants</c>, so computing one invariant never reads another that is not computed
    /// yet. Functions a parameter default calls are left alone (defaults are computed before the invariants).
    /// </summary>
    private bool ShouldHoistInvariant(BoundExpression expression) =>
        expression is BoundFunctionCall or BoundBuiltinCall
        && CanHoistHere(expression)
        && IsInvariant(expression);

    private bool CanHoistHere(BoundExpression expression) => _method.Owner switch
    {
        RuleSymbol => true,
        FunctionSymbol function => !CalledByParameterDefaults().Contains(function) && ReachesOnlyEmitted(expression),
        _ => false,
    };

    /// <summary>
    /// For a call worth computing once per key of a constant map (see the class summary): the argument <c>map[key]</c>.
    /// The call must be context-free, its map a constant and its other arguments literals, constants or parameters
    /// (which cannot fail: the key is then the only thing evaluated on the subject, as before).
    /// </summary>
    private BoundIndex? KeyedInvariantArgument(BoundExpression expression)
    {
        var arguments = expression switch
        {
            BoundFunctionCall call when IsContextFree(call.Function) => call.Arguments,
            BoundBuiltinCall call when !call.Overload.TakesContext && call.Overload.Deterministic && !IsIntOfSubstring(call, out _) => call.Arguments,
            _ => null,
        };
        if (arguments is null)
        {
            return null;
        }

        BoundIndex? keyed = null;
        foreach (var argument in arguments)
        {
            switch (argument)
            {
                case BoundLiteral or BoundConstantReference or BoundParamReference:
                    continue;
                case BoundIndex { Kind: IndexKind.Map, Target: BoundConstantReference { Type: MapType } } index when keyed is null:
                    keyed = index;
                    continue;
                default:
                    return null;
            }
        }

        return keyed is not null && CanHoistHere(expression) ? keyed : null;
    }

    /// <summary>The lookup of the call's value for the subject's key in a table computed by <c>InitInvariants</c>.</summary>
    private string HoistKeyedInvariant(BoundExpression expression, BoundIndex keyed)
    {
        var saved = _method;
        _method = new MethodState(null);
        const string value = "ki_value";
        var arguments = expression switch
        {
            BoundFunctionCall call => call.Arguments,
            BoundBuiltinCall call => call.Arguments,
            _ => throw new InvalidOperationException("Only calls are hoisted."),
        };
        var texts = arguments.Select(a => ReferenceEquals(a, keyed) ? value : Expression(a)).ToList();
        var body = expression switch
        {
            BoundFunctionCall call => FunctionCall(call, texts),
            BoundBuiltinCall call => BuiltinCall(call, i => texts[i]),
            _ => throw new InvalidOperationException("Only calls are hoisted."),
        };
        var type = ClrTypes.Of(expression.Type);
        var initializer = $"{ClrTypes.KeyedInvariant}<{type}>.Of({Expression(keyed.Target)}, {value} => {body})";
        _method = saved;
        if (!_invariantsByText.TryGetValue(initializer, out var name))
        {
            name = $"i{_invariants.Count}";
            _invariants.Add((name, $"{ClrTypes.KeyedInvariant}<{type}>", initializer, Keyed: true));
            _invariantsByText[initializer] = name;
        }

        return $"{name}.Get({Expression(keyed.Index)})";
    }

    /// <summary>Records that a function's body has been written, with its invariants (see <see cref="ShouldHoistInvariant"/>).</summary>
    private void FunctionEmitted(FunctionSymbol function) => _emittedFunctions.Add(function);

    /// <summary>True when every function reachable from the expression (through the bodies of those it calls) has been written.</summary>
    private bool ReachesOnlyEmitted(BoundExpression expression)
    {
        var seen = new HashSet<FunctionSymbol>();
        return Walk(expression);

        bool Walk(BoundExpression e)
        {
            if (e is BoundFunctionCall call)
            {
                if (!_emittedFunctions.Contains(call.Function))
                {
                    return false;
                }

                if (seen.Add(call.Function) && !WalkFunction(call.Function))
                {
                    return false;
                }
            }

            return Children(e) is { } children && children.All(Walk);
        }

        bool WalkFunction(FunctionSymbol function)
        {
            _functions ??= _program.Packages.SelectMany(p => p.Functions).ToDictionary(f => f.Symbol);
            return _functions.TryGetValue(function, out var bound) && bound.Lets.All(l => Walk(l.Value)) && Walk(bound.Body);
        }
    }

    /// <summary>The functions that parameter defaults call, directly or not (computed before the invariants, so nothing is hoisted in them).</summary>
    private HashSet<FunctionSymbol> CalledByParameterDefaults()
    {
        if (_calledByDefaults is { } known)
        {
            return known;
        }

        _functions ??= _program.Packages.SelectMany(p => p.Functions).ToDictionary(f => f.Symbol);
        var result = new HashSet<FunctionSymbol>();
        var pending = new Stack<BoundExpression>(_program.Packages.SelectMany(p => p.Parameters).Select(p => p.Default).OfType<BoundExpression>());
        while (pending.TryPop(out var e))
        {
            if (e is BoundFunctionCall call && result.Add(call.Function) && _functions.TryGetValue(call.Function, out var bound))
            {
                foreach (var let in bound.Lets)
                {
                    pending.Push(let.Value);
                }

                pending.Push(bound.Body);
            }

            // A kind the walk does not know: hoist in no function at all rather than guess.
            if (Children(e) is not { } children)
            {
                result.UnionWith(_functions.Keys);
                break;
            }

            foreach (var child in children)
            {
                pending.Push(child);
            }
        }

        _calledByDefaults = result;
        return result;
    }

    /// <summary>The field that holds the call's value, computed by <c>InitInvariants</c>; rethrows the call's failure.</summary>
    private string HoistInvariant(BoundExpression expression)
    {
        var saved = _method;
        _method = new MethodState(null);
        var initializer = expression switch
        {
            BoundFunctionCall call => FunctionCall(call),
            BoundBuiltinCall call => BuiltinCall(call),
            _ => throw new InvalidOperationException("Only calls are hoisted."),
        };
        _method = saved;
        if (!_invariantsByText.TryGetValue(initializer, out var name))
        {
            name = $"i{_invariants.Count}";
            _invariants.Add((name, ClrTypes.Of(expression.Type), initializer, Keyed: false));
            _invariantsByText[initializer] = name;
        }

        return $"({name}_error == null ? {name} : throw {name}_error)";
    }

    /// <summary>Writes the invariant fields and the method that computes them (called by the constructor after the parameters).</summary>
    private void EmitInvariants()
    {
        foreach (var (name, type, _, keyed) in _invariants)
        {
            Line($"private {type} {name};");
            if (!keyed)
            {
                Line($"private global::System.Exception {name}_error;");
            }
        }

        Line($"private void {InitInvariants}()");
        Open();
        if (_invariants.Count > 0)
        {
            // Invariant calls never read the context (IsContextFree); functions take it as their first argument.
            Line($"{ClrTypes.Context} ctx = null;");
        }

        foreach (var (name, _, initializer, keyed) in _invariants)
        {
            Line(keyed
                ? $"{name} = {initializer};"
                : $"try {{ {name} = {initializer}; }} catch (global::System.Exception e) {{ {name}_error = e; }}");
        }

        Close();
    }

    private bool IsInvariant(BoundExpression expression) => expression switch
    {
        BoundLiteral or BoundConstantReference or BoundParamReference => true,
        BoundBuiltinCall call => !call.Overload.TakesContext && call.Overload.Deterministic && call.Arguments.All(IsInvariant),
        BoundFunctionCall call => call.Arguments.All(IsInvariant) && IsContextFree(call.Function),
        BoundField or BoundIndex or BoundUnary or BoundBinary or BoundConditional or BoundConversion or BoundInterpolatedString => Children(expression) is { } children && children.All(IsInvariant),
        _ => expression.IsConstant && expression is BoundListLiteral or BoundSetLiteral or BoundMapLiteral,
    };

    /// <summary>
    /// True when a function's value depends on its arguments only: no inventory, no clock or other context-reading
    /// built-in, no loops (which check the context's cancellation), and only calls to such functions.
    /// </summary>
    private bool IsContextFree(FunctionSymbol function)
    {
        if (_contextFree.TryGetValue(function, out var known))
        {
            return known;
        }

        _functions ??= _program.Packages.SelectMany(p => p.Functions).ToDictionary(f => f.Symbol);
        // Functions are not recursive (PL0106); the entry guards against a cycle all the same.
        _contextFree[function] = false;
        var result = _functions.TryGetValue(function, out var bound)
            && bound.Lets.All(l => IsContextFreeExpression(l.Value))
            && IsContextFreeExpression(bound.Body);
        _contextFree[function] = result;
        return result;
    }

    private bool IsContextFreeExpression(BoundExpression expression) => expression switch
    {
        BoundInventoryQuery or BoundQuantifier or BoundComprehension or BoundErrorExpression => false,
        BoundBuiltinCall call => !call.Overload.TakesContext && call.Overload.Deterministic && call.Arguments.All(IsContextFreeExpression),
        BoundFunctionCall call => IsContextFree(call.Function) && call.Arguments.All(IsContextFreeExpression),
        _ => Children(expression) is { } children && children.All(IsContextFreeExpression),
    };

    /// <summary>The sub-expressions of an expression, or null for a kind this analysis does not know (then nothing is hoisted).</summary>
    private static IEnumerable<BoundExpression>? Children(BoundExpression expression) => expression switch
    {
        BoundLiteral or BoundLocal or BoundConstantReference or BoundParamReference => [],
        BoundInterpolatedString s => s.Parts,
        BoundField f => [f.Target],
        BoundDynamicMember m => [m.Target],
        BoundTypedObject t => [t.Manifest],
        BoundIndex i => [i.Target, i.Index],
        BoundUnary u => [u.Operand],
        BoundBinary b => [b.Left, b.Right],
        BoundConditional c => [c.Condition, c.WhenTrue, c.WhenFalse],
        BoundConversion c => [c.Operand],
        BoundListLiteral l => l.Elements,
        BoundSetLiteral s => s.Elements,
        BoundMapLiteral m => m.Entries.SelectMany(e => new[] { e.Key, e.Value }),
        BoundFunctionCall c => c.Arguments,
        BoundBuiltinCall c => c.Arguments,
        _ => null,
    };
}
