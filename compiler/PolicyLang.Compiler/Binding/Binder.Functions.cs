// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Binding;

internal sealed partial class Binder
{
    /// <summary>Binds a function body once; a call made while the body is being bound (recursion) gets null.</summary>
    private BoundFunction? BindFunction(FunctionSymbol symbol)
    {
        if (_functions.TryGetValue(symbol, out var existing))
        {
            return existing;
        }

        _functions[symbol] = null;
        var savedFile = _file;
        var savedDeclaration = _declaration;
        _file = _files[symbol.Tree];
        _declaration = new DeclarationContext(symbol, false, null);

        var savedLets = _declaredLets.ToList();
        _declaredLets.Clear();
        var scope = new LocalScope(null);
        foreach (var parameter in symbol.Parameters)
        {
            Declare(parameter, scope);
        }

        var lets = new List<BoundLet>();
        foreach (var let in symbol.Declaration.Lets)
        {
            var value = BindExpression(let.Value, scope);
            var local = new LocalSymbol(let.Name.Name, value.Type, LocalKind.Let, _file.Tree, let.Name.Span);
            scope = new LocalScope(scope);
            Declare(local, scope);
            _declaredLets.Add(local);
            lets.Add(new BoundLet(let, local, value));
        }

        var body = BindExpression(symbol.Declaration.Body, scope);
        ReportUnusedLets();
        _declaredLets.AddRange(savedLets);
        var returnType = body.Type;
        if (symbol.DeclaredReturnType is { } declared)
        {
            body = ConvertTo(body, declared, () => DiagnosticCatalog.ReturnTypeMismatch(_file.Tree.Source, symbol.Declaration.Body.Span, symbol.Name, declared.Name, body.Type.Name));
            returnType = declared;
        }
        else if (returnType == TypeSymbol.Null)
        {
            // A function that always returns absent: its callers get schema-less data (which may be absent).
            returnType = TypeSymbol.Dynamic;
            body = Operators.Convert(body, returnType);
        }

        _file = savedFile;
        _declaration = savedDeclaration;
        var bound = new BoundFunction(symbol, lets, body, returnType);
        _functions[symbol] = bound;
        return bound;
    }
}
