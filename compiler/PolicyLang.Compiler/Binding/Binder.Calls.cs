// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using PolicyLang.Compiler.Builtins;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Binding;

internal sealed partial class Binder
{
    /// <summary>Functions the language itself provides (not in the built-in registry, because they need the compiler).</summary>
    internal static readonly string[] IntrinsicNames = ["inventory", "workloads", "exists"];

    private BoundExpression BindCall(CallExpressionSyntax syntax, LocalScope scope)
    {
        var name = syntax.Function.Name;
        if (syntax.Function.IsMissing)
        {
            return new BoundErrorExpression(syntax);
        }

        // pkg.f(args): a function of an imported package.
        if (syntax.Receiver is NameExpressionSyntax { Name.Name: var alias } receiverName && scope.Lookup(alias) is null
            && LookupMember(alias, receiverName.Name) is null && _file.Imports.TryGetValue(alias, out var import))
        {
            _file.UsedImports.Add(import);
            _references.Add(new SymbolReference(_file.Tree, receiverName.Name.Span, import.Package, IsDefinition: false));
            if (import.Package.Members.TryGetValue(name, out var member) && member is FunctionSymbol imported)
            {
                return BindUserCall(syntax, imported, syntax.Arguments.Select(a => BindExpression(a, scope)).ToArray());
            }

            _diagnostics.Add(DiagnosticCatalog.UnknownFunction(_file.Tree.Source, syntax.Function.Span, $"{alias}.{name}", Suggestions.Closest(name, import.Package.Members.Values.OfType<FunctionSymbol>().Select(f => f.Name))));
            return new BoundErrorExpression(syntax);
        }

        // receiver.f(args) means f(receiver, args).
        var arguments = new List<BoundExpression>();
        if (syntax.Receiver is not null)
        {
            arguments.Add(BindExpression(syntax.Receiver, scope));
        }

        arguments.AddRange(syntax.Arguments.Select(a => BindExpression(a, scope)));

        if (_file.Package.Members.TryGetValue(name, out var own))
        {
            if (own is FunctionSymbol function)
            {
                return BindUserCall(syntax, function, arguments);
            }

            _diagnostics.Add(DiagnosticCatalog.NotCallable(_file.Tree.Source, syntax.Function.Span, name, $"a {own.KindName}"));
            return new BoundErrorExpression(syntax);
        }

        if (IntrinsicNames.Contains(name))
        {
            return BindIntrinsic(syntax, name, arguments);
        }

        var builtin = BuiltinCatalog.Find(name) ?? (name == "count" ? BuiltinCatalog.Find("len") : null);
        if (builtin is null)
        {
            var candidates = BuiltinCatalog.Names.Concat(IntrinsicNames).Concat(_file.Package.Members.Values.OfType<FunctionSymbol>().Select(f => f.Name));
            _diagnostics.Add(DiagnosticCatalog.UnknownFunction(_file.Tree.Source, syntax.Function.Span, name, Suggestions.Closest(name, candidates)));
            return new BoundErrorExpression(syntax);
        }

        _references.Add(new SymbolReference(_file.Tree, syntax.Function.Span, new BuiltinSymbol(builtin), IsDefinition: false));
        if (arguments.Any(a => a.Type.IsError))
        {
            return new BoundErrorExpression(syntax);
        }

        return BindBuiltinCall(syntax, builtin, arguments);
    }

    private BoundExpression BindUserCall(CallExpressionSyntax syntax, FunctionSymbol function, IReadOnlyList<BoundExpression> arguments)
    {
        _references.Add(new SymbolReference(_file.Tree, syntax.Function.Span, function, IsDefinition: false));
        _usedSymbols.Add(function);
        if (_declaration.Symbol is FunctionSymbol caller)
        {
            if (!_calls.TryGetValue(caller, out var callees))
            {
                _calls[caller] = callees = [];
            }

            callees.Add(function);
        }

        if (arguments.Count != function.Parameters.Count)
        {
            _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount(_file.Tree.Source, syntax.Span, function.Name, Plural(function.Parameters.Count, "argument"), arguments.Count));
            return new BoundErrorExpression(syntax);
        }

        var converted = new List<BoundExpression>();
        for (var i = 0; i < arguments.Count; i++)
        {
            var parameter = function.Parameters[i];
            var argument = arguments[i];
            converted.Add(ConvertTo(argument, parameter.Type, () => DiagnosticCatalog.ArgumentTypeMismatch(_file.Tree.Source, argument.Syntax.Span, function.Name, string.Join(", ", arguments.Select(a => a.Type.Name)), function.Signature(ReturnTypeOf(function)))));
        }

        var returnType = ReturnTypeOf(function);
        if (_functionsUsingInventory.Contains(function) && _declaration.Rule is { } rule)
        {
            rule.UsesInventory = true;
        }

        return new BoundFunctionCall(syntax, function, converted, returnType);
    }

    private TypeSymbol ReturnTypeOf(FunctionSymbol function)
    {
        if (function.DeclaredReturnType is { } declared)
        {
            // Binding the body now records inventory use and reports its errors once.
            BindFunction(function);
            return declared;
        }

        return BindFunction(function)?.ReturnType ?? TypeSymbol.Error;
    }

    private BoundExpression BindIntrinsic(CallExpressionSyntax syntax, string name, IReadOnlyList<BoundExpression> arguments)
    {
        var source = _file.Tree.Source;
        if (name == "exists")
        {
            if (arguments.Count != 1)
            {
                _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount(source, syntax.Span, name, "1 argument", arguments.Count));
                return new BoundErrorExpression(syntax);
            }

            var argument = arguments[0];
            return argument.Type.IsError ? new BoundErrorExpression(syntax) : new BoundBinary(syntax, BinaryOperator.NotEqual, argument.Type is DynamicType ? BinaryOperationKind.DynamicEquality : BinaryOperationKind.Equality, argument, new BoundLiteral(syntax, argument.Type, null), TypeSymbol.Bool);
        }

        if (_declaration.IsConstant)
        {
            _diagnostics.Add(DiagnosticCatalog.NonConstant(source, syntax.Span, "a constant (the inventory changes with the inputs)"));
            return new BoundErrorExpression(syntax);
        }

        MarkInventoryUse();
        if (name == "workloads")
        {
            if (arguments.Count != 0)
            {
                _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount(source, syntax.Span, name, "no arguments", arguments.Count));
                return new BoundErrorExpression(syntax);
            }

            return new BoundInventoryQuery(syntax, InventoryQueryKind.Workloads, null, null, new ListType(Schemas.ForSubject(Runtime.Subjects.SubjectKind.Workload)));
        }

        var objectType = Schemas.ForSubject(Runtime.Subjects.SubjectKind.Manifest);
        if (arguments.Count == 0)
        {
            return new BoundInventoryQuery(syntax, InventoryQueryKind.All, null, null, new ListType(objectType));
        }

        if (arguments.Count != 1 || !ConstantEvaluator.TryEvaluate(arguments[0], out var value) || value is not string kind)
        {
            if (arguments.Count == 1 && !arguments[0].Type.IsError)
            {
                _diagnostics.Add(DiagnosticCatalog.NonConstant(source, arguments[0].Syntax.Span, "the kind given to inventory()"));
            }
            else if (arguments.Count > 1)
            {
                _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount(source, syntax.Span, name, "0 or 1 arguments", arguments.Count));
            }

            return new BoundErrorExpression(syntax);
        }

        if (Schemas.ForKind(kind) is { } model)
        {
            return new BoundInventoryQuery(syntax, InventoryQueryKind.Kind, kind, model, new ListType(model));
        }

        _diagnostics.Add(DiagnosticCatalog.UnknownKind(source, arguments[0].Syntax.Span, kind, Suggestions.Closest(kind, Runtime.Subjects.KubernetesKinds.KindNames)));
        return new BoundInventoryQuery(syntax, InventoryQueryKind.Kind, kind, null, new ListType(objectType));
    }

    private void MarkInventoryUse()
    {
        if (_declaration.Rule is { } rule)
        {
            rule.UsesInventory = true;
        }

        if (_declaration.Symbol is FunctionSymbol function)
        {
            _functionsUsingInventory.Add(function);
        }
    }

    // ---- built-ins and overload resolution --------------------------------------------------------------

    private BoundExpression BindBuiltinCall(CallExpressionSyntax syntax, BuiltinFunction builtin, IReadOnlyList<BoundExpression> arguments)
    {
        var source = _file.Tree.Source;
        var candidates = builtin.Overloads.Where(o => o.Parameters.Count == arguments.Count).ToArray();
        if (candidates.Length == 0)
        {
            var counts = builtin.Overloads.Select(o => o.Parameters.Count).Distinct().Order().ToArray();
            _diagnostics.Add(DiagnosticCatalog.WrongArgumentCount(source, syntax.Span, builtin.Name, string.Join(" or ", counts.Select(c => Plural(c, "argument"))), arguments.Count));
            return new BoundErrorExpression(syntax);
        }

        BuiltinOverload? best = null;
        Dictionary<string, TypeSymbol>? bestBindings = null;
        var bestCost = int.MaxValue;
        foreach (var overload in candidates)
        {
            var bindings = new Dictionary<string, TypeSymbol>(StringComparer.Ordinal);
            var cost = 0;
            var fits = true;
            for (var i = 0; i < arguments.Count && fits; i++)
            {
                fits = Match(arguments[i].Type, overload.Parameters[i].Type, bindings, ref cost);
            }

            if (fits && cost < bestCost)
            {
                best = overload;
                bestBindings = bindings;
                bestCost = cost;
            }
        }

        if (best is null || bestBindings is null)
        {
            _diagnostics.Add(DiagnosticCatalog.ArgumentTypeMismatch(source, syntax.Span, builtin.Name, string.Join(", ", arguments.Select(a => a.Type.Name)), string.Join("; ", builtin.Overloads.Select(o => o.Signature))));
            return new BoundErrorExpression(syntax);
        }

        var converted = arguments.Select((a, i) => Operators.Convert(a, Substitute(best.Parameters[i].Type, bestBindings))).ToArray();
        ValidateConstantArguments(syntax, best, converted);
        if (!best.Deterministic && _declaration.IsConstant)
        {
            _diagnostics.Add(DiagnosticCatalog.NonConstant(source, syntax.Span, $"a constant ('{builtin.Name}' depends on the evaluation's clock)"));
        }

        return new BoundBuiltinCall(syntax, best, converted, bestBindings, Substitute(best.ReturnType, bestBindings));
    }

    private void ValidateConstantArguments(CallExpressionSyntax syntax, BuiltinOverload overload, IReadOnlyList<BoundExpression> arguments)
    {
        if (overload.ConstantValidator is not { } validator)
        {
            return;
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            if (!ConstantEvaluator.TryEvaluate(arguments[i], out var value))
            {
                continue;
            }

            string? problem;
            try
            {
                problem = validator.Invoke(null, [i, value]) as string;
            }
            catch (TargetInvocationException e)
            {
                problem = e.InnerException?.Message ?? e.Message;
            }

            if (problem is not null)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidConstantArgument(_file.Tree.Source, arguments[i].Syntax.Span, overload.Name, problem));
            }
        }

        _ = syntax;
    }

    /// <summary>Matches an argument type against a parameter type, binding type variables; adds the conversion cost.</summary>
    private static bool Match(TypeSymbol argument, TypeSymbol parameter, Dictionary<string, TypeSymbol> bindings, ref int cost)
    {
        if (argument.IsError)
        {
            return true;
        }

        if (parameter is TypeVariable variable)
        {
            if (bindings.TryGetValue(variable.Name, out var bound))
            {
                return Match(argument, bound, bindings, ref cost);
            }

            if (argument != TypeSymbol.Null)
            {
                bindings[variable.Name] = argument;
            }
            else
            {
                cost += 1;
            }

            return true;
        }

        switch (parameter, argument)
        {
            case (ListType p, ListType a):
                return a.Element == TypeSymbol.Null || MatchExact(a.Element, p.Element, bindings);
            case (SetType p, SetType a):
                return a.Element == TypeSymbol.Null || MatchExact(a.Element, p.Element, bindings);
            case (MapType p, MapType a):
                return MatchExact(a.Key, p.Key, bindings) && (a.Value == TypeSymbol.Null || MatchExact(a.Value, p.Value, bindings));
        }

        if (argument == parameter)
        {
            return true;
        }

        if (Operators.IsAssignable(argument, parameter))
        {
            cost += argument == TypeSymbol.Null ? 1 : 2;
            return true;
        }

        return false;
    }

    /// <summary>Element types of collections must match exactly (their CLR representations must be the same).</summary>
    private static bool MatchExact(TypeSymbol argument, TypeSymbol parameter, Dictionary<string, TypeSymbol> bindings)
    {
        if (parameter is TypeVariable variable)
        {
            if (bindings.TryGetValue(variable.Name, out var bound))
            {
                return bound == argument;
            }

            bindings[variable.Name] = argument;
            return true;
        }

        return argument == parameter || argument.IsError;
    }

    private static TypeSymbol Substitute(TypeSymbol type, IReadOnlyDictionary<string, TypeSymbol> bindings) => type switch
    {
        TypeVariable v => bindings.GetValueOrDefault(v.Name) ?? TypeSymbol.Dynamic,
        ListType l => new ListType(Substitute(l.Element, bindings)),
        SetType s => new SetType(Substitute(s.Element, bindings)),
        MapType m => new MapType(Substitute(m.Key, bindings), Substitute(m.Value, bindings)),
        _ => type,
    };

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}

/// <summary>A reference to a built-in function (for hover and go-to-definition on calls).</summary>
public sealed class BuiltinSymbol : Symbol
{
    public BuiltinSymbol(BuiltinFunction function)
        : base(function.Name)
    {
        Function = function;
    }

    public override string KindName => "built-in function";

    public BuiltinFunction Function { get; }
}
