// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Compiler.Binding;

internal sealed partial class Binder
{
    private BoundExpression BindExpression(ExpressionSyntax syntax, LocalScope scope)
    {
        var bound = BindExpressionCore(syntax, scope);
        _expressionTypes[syntax] = bound.Type;
        _scopesAtNodes[syntax] = scope;
        return bound;
    }

    private BoundExpression BindExpressionCore(ExpressionSyntax syntax, LocalScope scope) => syntax switch
    {
        LiteralExpressionSyntax literal => BindLiteral(literal),
        InterpolatedStringSyntax interpolated => new BoundInterpolatedString(syntax, interpolated.Parts
            .Select(p => p.Expression is null ? new BoundLiteral(syntax, TypeSymbol.String, p.Text ?? string.Empty) : BindExpression(p.Expression, scope))
            .ToArray()),
        NameExpressionSyntax name => BindName(name, scope),
        MemberAccessExpressionSyntax member => BindMember(member, scope),
        IndexExpressionSyntax index => BindIndex(index, scope),
        CallExpressionSyntax call => BindCall(call, scope),
        UnaryExpressionSyntax unary => BindUnary(unary, scope),
        BinaryExpressionSyntax binary => BindBinary(binary, scope),
        ConditionalExpressionSyntax conditional => BindConditional(conditional, scope),
        QuantifierExpressionSyntax quantifier => BindQuantifier(quantifier, scope),
        ComprehensionExpressionSyntax comprehension => BindComprehension(comprehension, scope),
        ListExpressionSyntax list => BindList(list, scope),
        SetExpressionSyntax set => BindSet(set, scope),
        MapExpressionSyntax map => BindMap(map, scope),
        ParenthesizedExpressionSyntax parenthesized => BindExpression(parenthesized.Inner, scope),
        _ => new BoundErrorExpression(syntax),
    };

    private static BoundLiteral BindLiteral(LiteralExpressionSyntax literal) => literal.Kind switch
    {
        LiteralKind.Integer => new BoundLiteral(literal, TypeSymbol.Int, literal.Value),
        LiteralKind.Float => new BoundLiteral(literal, TypeSymbol.Float, literal.Value),
        LiteralKind.String => new BoundLiteral(literal, TypeSymbol.String, literal.Value),
        LiteralKind.Boolean => new BoundLiteral(literal, TypeSymbol.Bool, literal.Value),
        _ => new BoundLiteral(literal, TypeSymbol.Null, null),
    };

    // ---- names ------------------------------------------------------------------------------------------

    private BoundExpression BindName(NameExpressionSyntax syntax, LocalScope scope)
    {
        var name = syntax.Name.Name;
        if (syntax.Name.IsMissing)
        {
            return new BoundErrorExpression(syntax);
        }

        if (scope.Lookup(name) is { } local)
        {
            _references.Add(new SymbolReference(_file.Tree, syntax.Name.Span, local, IsDefinition: false));
            _usedSymbols.Add(local);
            return new BoundLocal(syntax, local);
        }

        if (LookupMember(name, syntax.Name) is { } member)
        {
            return BindMemberReference(syntax, syntax.Name, member);
        }

        if (_file.Imports.TryGetValue(name, out var import))
        {
            _diagnostics.Add(DiagnosticCatalog.NotAValue(_file.Tree.Source, syntax.Span, name, $"the package {import.Package.Name}: use {name}.<name>"));
            _file.UsedImports.Add(import);
            return new BoundErrorExpression(syntax);
        }

        if (Builtins.BuiltinCatalog.Find(name) is not null)
        {
            _diagnostics.Add(DiagnosticCatalog.NotAValue(_file.Tree.Source, syntax.Span, name, $"a function: call it, e.g. {name}(…)"));
            return new BoundErrorExpression(syntax);
        }

        _diagnostics.Add(DiagnosticCatalog.UnknownName(_file.Tree.Source, syntax.Name.Span, name, Suggestions.Closest(name, VisibleNames(scope))));
        return new BoundErrorExpression(syntax);
    }

    /// <summary>A member of the current package, or of exactly one imported package (unqualified use).</summary>
    private DeclaredSymbol? LookupMember(string name, IdentifierSyntax at)
    {
        if (_file.Package.Members.TryGetValue(name, out var own))
        {
            return own;
        }

        _ = at;
        return null;
    }

    private BoundExpression BindMemberReference(ExpressionSyntax syntax, IdentifierSyntax nameSyntax, DeclaredSymbol member)
    {
        _references.Add(new SymbolReference(_file.Tree, nameSyntax.Span, member, IsDefinition: false));
        _usedSymbols.Add(member);
        switch (member)
        {
            case ConstantSymbol constant:
                var bound = BindConstant(constant);
                return new BoundConstantReference(syntax, constant, bound?.Value, bound?.Value.Type ?? TypeSymbol.Error);
            case ParamSymbol param:
                if (_declaration.IsConstant)
                {
                    _diagnostics.Add(DiagnosticCatalog.NonConstant(_file.Tree.Source, syntax.Span, $"a constant (parameter '{param.Name}' is set from outside)"));
                    return new BoundErrorExpression(syntax);
                }

                return new BoundParamReference(syntax, param);
            default:
                _diagnostics.Add(DiagnosticCatalog.NotAValue(_file.Tree.Source, syntax.Span, member.Name, member is FunctionSymbol ? $"a function: call it, e.g. {member.Name}(…)" : $"a {member.KindName} and has no value"));
                return new BoundErrorExpression(syntax);
        }
    }

    private IEnumerable<string> VisibleNames(LocalScope scope) =>
        scope.AllVisible().Select(l => l.Name)
            .Concat(_file.Package.Members.Values.Where(m => m is ConstantSymbol or ParamSymbol).Select(m => m.Name))
            .Concat(_file.Imports.Keys);

    // ---- members and indexing ---------------------------------------------------------------------------

    private BoundExpression BindMember(MemberAccessExpressionSyntax syntax, LocalScope scope)
    {
        var memberName = syntax.Member.Name;

        // pkg.name: a member of an imported package.
        if (syntax.Target is NameExpressionSyntax { Name.Name: var alias } && scope.Lookup(alias) is null && LookupMember(alias, syntax.Member) is null
            && _file.Imports.TryGetValue(alias, out var import))
        {
            _file.UsedImports.Add(import);
            _references.Add(new SymbolReference(_file.Tree, ((NameExpressionSyntax)syntax.Target).Name.Span, import.Package, IsDefinition: false));
            if (syntax.Member.IsMissing)
            {
                return new BoundErrorExpression(syntax);
            }

            if (import.Package.Members.TryGetValue(memberName, out var member))
            {
                return BindMemberReference(syntax, syntax.Member, member);
            }

            _diagnostics.Add(DiagnosticCatalog.UnknownName(_file.Tree.Source, syntax.Member.Span, $"{alias}.{memberName}", Suggestions.Closest(memberName, import.Package.Members.Keys) is { } s ? s : null));
            return new BoundErrorExpression(syntax);
        }

        var target = BindExpression(syntax.Target, scope);
        if (syntax.Member.IsMissing || target.Type.IsError)
        {
            return new BoundErrorExpression(syntax);
        }

        return AccessMember(syntax, target, syntax.Member);
    }

    private BoundExpression AccessMember(ExpressionSyntax syntax, BoundExpression target, IdentifierSyntax member)
    {
        var name = member.Name;
        switch (target.Type)
        {
            case ObjectType objectType:
                if (objectType.Fields.TryGetValue(name, out var field))
                {
                    var bound = new BoundField(syntax, target, field, FieldPath(target, field));
                    if (_declaration.Rule?.TypedModel is { } model && _declaration.Rule.Subject == Runtime.Subjects.SubjectKind.Admission
                        && objectType.ClrType == typeof(Runtime.Subjects.AdmissionSubject) && name is "object" or "oldObject")
                    {
                        return new BoundTypedObject(syntax, bound, model);
                    }

                    return bound;
                }

                if (objectType.HasDynamicMembers)
                {
                    return new BoundDynamicMember(syntax, target, name, target.Path?.Append(new StaticPathSegment("/" + JsonPointer.Escape(name))));
                }

                _diagnostics.Add(DiagnosticCatalog.UnknownField(_file.Tree.Source, member.Span, objectType.Name, name, Suggestions.Closest(name, objectType.Fields.Keys)));
                return new BoundErrorExpression(syntax);
            case DynamicType:
                return new BoundDynamicMember(syntax, target, name, target.Path?.Append(new StaticPathSegment("/" + JsonPointer.Escape(name))));
            case MapType { Key: PrimitiveType { Kind: PrimitiveKind.String } } map:
                // labels.app is labels["app"]: map keys read as fields.
                var key = new BoundLiteral(syntax, TypeSymbol.String, name);
                return new BoundIndex(syntax, target, key, IndexKind.Map, map.Value, target.Path?.Append(new StaticPathSegment("/" + JsonPointer.Escape(name))));
            default:
                _diagnostics.Add(DiagnosticCatalog.UnknownField(_file.Tree.Source, member.Span, target.Type.Name, name, null));
                return new BoundErrorExpression(syntax);
        }
    }

    private static BoundPath? FieldPath(BoundExpression target, FieldSymbol field)
    {
        if (field.PathSuffix is { } suffix)
        {
            if (field.PathBaseProperty is { } property)
            {
                return target.Path is null ? null : BoundPath.Root.Append(new PropertyPathSegment(target, property, suffix));
            }

            return target.Path is null ? null : BoundPath.Root.Append(new AbsolutePathSegment(suffix));
        }

        return target.Path?.Append(new StaticPathSegment("/" + JsonPointer.Escape(field.Name)));
    }

    private BoundExpression BindIndex(IndexExpressionSyntax syntax, LocalScope scope)
    {
        var target = BindExpression(syntax.Target, scope);
        var index = BindExpression(syntax.Index, scope);
        if (target.Type.IsError || index.Type.IsError)
        {
            return new BoundErrorExpression(syntax);
        }

        switch (target.Type)
        {
            case ListType list when index.Type == TypeSymbol.Int || index.Type is DynamicType:
                var position = index.Type is DynamicType ? new BoundConversion(syntax.Index, index, TypeSymbol.Int) : index;
                var elementPath = target is BoundField { Field.ElementPathsProperty: { } paths } gathered && gathered.Target.Path is not null
                    ? BoundPath.Root.Append(new IndexedElementPathSegment(gathered.Target, paths, position))
                    : target.Path?.Append(new IndexPathSegment(target, position));
                return new BoundIndex(syntax, target, position, IndexKind.List, list.Element, elementPath);
            case MapType map when IsAssignable(index.Type, map.Key):
                var key = ConvertTo(index, map.Key, () => throw new InvalidOperationException());
                return new BoundIndex(syntax, target, key, IndexKind.Map, map.Value, target.Path?.Append(new KeyPathSegment(key)));
            case DynamicType when index.Type == TypeSymbol.Int || index.Type == TypeSymbol.String || index.Type is DynamicType:
                return new BoundIndex(syntax, target, index, IndexKind.Dynamic, TypeSymbol.Dynamic, target.Path?.Append(index.Type == TypeSymbol.String ? new KeyPathSegment(index) : new IndexPathSegment(target, index)));
            default:
                _diagnostics.Add(DiagnosticCatalog.NotIndexable(_file.Tree.Source, syntax.Span, target.Type.Name, index.Type.Name));
                return new BoundErrorExpression(syntax);
        }
    }

    // ---- operators --------------------------------------------------------------------------------------

    private BoundExpression BindUnary(UnaryExpressionSyntax syntax, LocalScope scope)
    {
        var operand = BindExpression(syntax.Operand, scope);
        if (operand.Type.IsError)
        {
            return new BoundErrorExpression(syntax);
        }

        if (syntax.Operator == UnaryOperator.Not)
        {
            if (operand.Type == TypeSymbol.Bool || operand.Type == TypeSymbol.Null)
            {
                return new BoundUnary(syntax, UnaryOperator.Not, Operators.Convert(operand, TypeSymbol.Bool), TypeSymbol.Bool);
            }

            if (operand.Type is DynamicType)
            {
                return new BoundUnary(syntax, UnaryOperator.Not, new BoundConversion(syntax.Operand, operand, TypeSymbol.Bool), TypeSymbol.Bool);
            }
        }
        else if (operand.Type == TypeSymbol.Int || operand.Type == TypeSymbol.Float || operand.Type == TypeSymbol.Duration)
        {
            return new BoundUnary(syntax, UnaryOperator.Negate, operand, operand.Type);
        }

        _diagnostics.Add(DiagnosticCatalog.UnaryTypeMismatch(_file.Tree.Source, syntax.Span, syntax.Operator == UnaryOperator.Not ? "not" : "-", operand.Type.Name));
        return new BoundErrorExpression(syntax);
    }

    private BoundExpression BindBinary(BinaryExpressionSyntax syntax, LocalScope scope)
    {
        var left = BindExpression(syntax.Left, scope);
        var right = BindExpression(syntax.Right, scope);
        if (left.Type.IsError || right.Type.IsError)
        {
            return new BoundErrorExpression(syntax);
        }

        var result = Operators.Bind(syntax, left, right);
        if (result is not null)
        {
            CheckKnownValues(syntax, left, right);
            return result;
        }

        _diagnostics.Add(DiagnosticCatalog.OperatorTypeMismatch(_file.Tree.Source, syntax.OperatorSpan, Operators.Text(syntax.Operator), left.Type.Name, right.Type.Name));
        return new BoundErrorExpression(syntax);
    }

    /// <summary>Warns when a field with a known set of values is compared with a string it can never hold.</summary>
    private void CheckKnownValues(BinaryExpressionSyntax syntax, BoundExpression left, BoundExpression right)
    {
        if (syntax.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual))
        {
            return;
        }

        var (field, literal) = (left, right) switch
        {
            (BoundField f, BoundLiteral { Value: string l }) => (f, l),
            (BoundLiteral { Value: string l }, BoundField f) => (f, l),
            _ => (null, null),
        };
        if (field is null || literal is null || field.Field.KnownValues.Count == 0 || field.Field.KnownValues.Contains(literal))
        {
            return;
        }

        var suggestion = Suggestions.Closest(literal, field.Field.KnownValues);
        var diagnostic = DiagnosticCatalog.ComparisonNeverTrue(_file.Tree.Source, syntax.Span, $"'{field.Field.Name}' (one of {string.Join(", ", field.Field.KnownValues)})", $"\"{literal}\"", syntax.Operator == BinaryOperator.Equal ? "false" : "true");
        _diagnostics.Add(suggestion is null ? diagnostic : diagnostic with { Message = diagnostic.Message + $"; did you mean \"{suggestion}\"?" });
    }

    private BoundExpression BindConditional(ConditionalExpressionSyntax syntax, LocalScope scope)
    {
        var condition = BindCondition(syntax.Condition, scope, "an 'if' condition");
        var whenTrue = BindExpression(syntax.WhenTrue, scope);
        var whenFalse = BindExpression(syntax.WhenFalse, scope);
        if (whenTrue.Type.IsError || whenFalse.Type.IsError)
        {
            return new BoundErrorExpression(syntax);
        }

        if (Operators.Unify(whenTrue.Type, whenFalse.Type) is not { } type)
        {
            _diagnostics.Add(DiagnosticCatalog.OperatorTypeMismatch(_file.Tree.Source, syntax.Span, "if … then … else", whenTrue.Type.Name, whenFalse.Type.Name));
            return new BoundErrorExpression(syntax);
        }

        return new BoundConditional(syntax, condition, ConvertTo(whenTrue, type, () => throw new InvalidOperationException()), ConvertTo(whenFalse, type, () => throw new InvalidOperationException()), type);
    }

    // ---- iteration --------------------------------------------------------------------------------------

    private BoundIteration BindIteration(IdentifierSyntax first, IdentifierSyntax? second, ExpressionSyntax collectionSyntax, LocalScope outer, LocalScope inner)
    {
        var collection = BindExpression(collectionSyntax, outer);
        if (collection.Type == TypeSymbol.Null)
        {
            // Iterating absent iterates nothing: typed as schema-less data, which may be absent.
            collection = Operators.Convert(collection, TypeSymbol.Dynamic);
        }

        var tree = _file.Tree;
        var index = new LocalSymbol("__i" + first.Span.Start, TypeSymbol.Int, LocalKind.Index, tree, first.Span);
        if (!collection.Type.IsIterable && !collection.Type.IsError && collection.Type != TypeSymbol.Null)
        {
            _diagnostics.Add(DiagnosticCatalog.NotIterable(tree.Source, collectionSyntax.Span, collection.Type.Name));
        }

        LocalSymbol variable;
        LocalSymbol? secondVariable = null;
        IterationKind kind;
        switch (collection.Type)
        {
            case ListType list:
                kind = IterationKind.List;
                var elementPath = ElementPath(collection, index);
                if (second is null)
                {
                    variable = new LocalSymbol(first.Name, list.Element, LocalKind.Loop, tree, first.Span, elementPath);
                }
                else
                {
                    variable = new LocalSymbol(first.Name, TypeSymbol.Int, LocalKind.Loop, tree, first.Span);
                    secondVariable = new LocalSymbol(second.Name, list.Element, LocalKind.Loop, tree, second.Span, elementPath);
                }

                break;
            case SetType set:
                kind = IterationKind.Set;
                variable = new LocalSymbol(first.Name, set.Element, LocalKind.Loop, tree, first.Span);
                if (second is not null)
                {
                    _diagnostics.Add(DiagnosticCatalog.NotIterable(tree.Source, second.Span, $"{set.Name} with two variables (a set has no keys)"));
                }

                break;
            case MapType map:
                kind = IterationKind.Map;
                variable = new LocalSymbol(first.Name, map.Key, LocalKind.Loop, tree, first.Span);
                if (second is not null)
                {
                    var keyRead = new BoundLocal(first, variable);
                    secondVariable = new LocalSymbol(second.Name, map.Value, LocalKind.Loop, tree, second.Span, collection.Path?.Append(new KeyPathSegment(keyRead)));
                }

                break;
            default:
                kind = IterationKind.Dynamic;
                var itemPath = collection.Path?.Append(new LoopIndexPathSegment(index));
                if (second is null)
                {
                    variable = new LocalSymbol(first.Name, TypeSymbol.Dynamic, LocalKind.Loop, tree, first.Span, itemPath);
                }
                else
                {
                    variable = new LocalSymbol(first.Name, TypeSymbol.Dynamic, LocalKind.Loop, tree, first.Span);
                    secondVariable = new LocalSymbol(second.Name, TypeSymbol.Dynamic, LocalKind.Loop, tree, second.Span, itemPath);
                }

                break;
        }

        Declare(variable, inner);
        if (secondVariable is not null)
        {
            Declare(secondVariable, inner);
        }

        return new BoundIteration(collection, variable, secondVariable, index, kind);
    }

    private static BoundPath? ElementPath(BoundExpression collection, LocalSymbol index)
    {
        if (collection is BoundField { Field.ElementPathsProperty: { } paths } field && field.Target.Path is not null)
        {
            return BoundPath.Root.Append(new ElementPathSegment(field.Target, paths, index));
        }

        // A list literal of subject fields keeps their places: its elements are where they were read.
        if (collection is BoundListLiteral { Elements.Count: > 0 } literal && literal.Elements.All(e => e.Path is not null))
        {
            return BoundPath.Root.Append(new ChoicePathSegment([.. literal.Elements.Select(e => e.Path).OfType<BoundPath>()], index));
        }

        return collection.Path?.Append(new LoopIndexPathSegment(index));
    }

    private BoundExpression BindQuantifier(QuantifierExpressionSyntax syntax, LocalScope scope)
    {
        var inner = new LocalScope(scope);
        var iteration = BindIteration(syntax.Variable, syntax.SecondVariable, syntax.Collection, scope, inner);
        var predicate = BindCondition(syntax.Predicate, inner, $"the condition of '{syntax.Kind.ToString().ToLowerInvariant()}'");
        return new BoundQuantifier(syntax, syntax.Kind, iteration, predicate, syntax.Kind == QuantifierKind.Count ? TypeSymbol.Int : TypeSymbol.Bool);
    }

    private BoundExpression BindComprehension(ComprehensionExpressionSyntax syntax, LocalScope scope)
    {
        var inner = new LocalScope(scope);
        var iteration = BindIteration(syntax.Variable, syntax.SecondVariable, syntax.Collection, scope, inner);
        var filter = syntax.Filter is null ? null : BindCondition(syntax.Filter, inner, "a 'where' filter");
        var element = BindExpression(syntax.Element, inner);
        var value = syntax.Value is null ? null : BindExpression(syntax.Value, inner);
        if (element.Type.IsError || value?.Type.IsError == true)
        {
            return new BoundErrorExpression(syntax);
        }

        TypeSymbol type = syntax.Kind switch
        {
            ComprehensionKind.List => new ListType(element.Type),
            ComprehensionKind.Set => new SetType(element.Type),
            _ => new MapType(element.Type, value?.Type ?? TypeSymbol.Error),
        };
        if (syntax.Kind == ComprehensionKind.Map && element.Type != TypeSymbol.String)
        {
            _diagnostics.Add(DiagnosticCatalog.DefaultTypeMismatch(_file.Tree.Source, syntax.Element.Span, "a map key", "string", element.Type.Name));
            return new BoundErrorExpression(syntax);
        }

        return new BoundComprehension(syntax, syntax.Kind, iteration, element, value, filter, type);
    }

    // ---- literals of collections ------------------------------------------------------------------------

    private BoundExpression BindList(ListExpressionSyntax syntax, LocalScope scope)
    {
        var elements = syntax.Elements.Select(e => BindExpression(e, scope)).ToArray();
        return elements.Any(e => e.Type.IsError) ? new BoundErrorExpression(syntax) :
            UnifyElements(syntax, elements, "list") is { } type ? new BoundListLiteral(syntax, elements.Select(e => ConvertTo(e, type, () => throw new InvalidOperationException())).ToArray(), new ListType(type)) : new BoundErrorExpression(syntax);
    }

    private BoundExpression BindSet(SetExpressionSyntax syntax, LocalScope scope)
    {
        var elements = syntax.Elements.Select(e => BindExpression(e, scope)).ToArray();
        return elements.Any(e => e.Type.IsError) ? new BoundErrorExpression(syntax) :
            UnifyElements(syntax, elements, "set") is { } type ? new BoundSetLiteral(syntax, elements.Select(e => ConvertTo(e, type, () => throw new InvalidOperationException())).ToArray(), new SetType(type)) : new BoundErrorExpression(syntax);
    }

    private BoundExpression BindMap(MapExpressionSyntax syntax, LocalScope scope)
    {
        var keys = syntax.Entries.Select(e => BindExpression(e.Key, scope)).ToArray();
        var values = syntax.Entries.Select(e => BindExpression(e.Value, scope)).ToArray();
        if (keys.Concat(values).Any(e => e.Type.IsError))
        {
            return new BoundErrorExpression(syntax);
        }

        foreach (var key in keys.Where(k => k.Type != TypeSymbol.String))
        {
            _diagnostics.Add(DiagnosticCatalog.DefaultTypeMismatch(_file.Tree.Source, key.Syntax.Span, "a map key", "string", key.Type.Name));
            return new BoundErrorExpression(syntax);
        }

        if (UnifyElements(syntax, values, "map") is not { } valueType)
        {
            return new BoundErrorExpression(syntax);
        }

        var entries = keys.Zip(values, (k, v) => (k, ConvertTo(v, valueType, () => throw new InvalidOperationException()))).ToArray();
        return new BoundMapLiteral(syntax, entries, new MapType(TypeSymbol.String, valueType));
    }

    private TypeSymbol? UnifyElements(SyntaxNode syntax, IReadOnlyList<BoundExpression> elements, string collection)
    {
        TypeSymbol type = TypeSymbol.Null;
        foreach (var element in elements)
        {
            if (Operators.Unify(type, element.Type) is { } unified)
            {
                type = unified;
                continue;
            }

            _diagnostics.Add(DiagnosticCatalog.MixedElementTypes(_file.Tree.Source, element.Syntax.Span, collection, type.Name, element.Type.Name));
            _ = syntax;
            return null;
        }

        return type;
    }

    // ---- conversions ------------------------------------------------------------------------------------

    /// <summary>True when a value of one type can be used where the other is expected (with a conversion if needed).</summary>
    internal static bool IsAssignable(TypeSymbol from, TypeSymbol to) => Operators.IsAssignable(from, to);

    /// <summary>Converts an expression to a type, or reports the mismatch the factory makes and returns an error node.</summary>
    private BoundExpression ConvertTo(BoundExpression expression, TypeSymbol target, Func<Diagnostic> mismatch)
    {
        if (expression.Type == target || target.IsError || expression.Type.IsError)
        {
            return expression;
        }

        if (!Operators.IsAssignable(expression.Type, target))
        {
            _diagnostics.Add(mismatch());
            return new BoundErrorExpression(expression.Syntax);
        }

        return Operators.Convert(expression, target);
    }
}
