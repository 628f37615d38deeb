// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler.Binding;

/// <summary>A lexical scope of local variables, chained to its parent.</summary>
internal sealed class LocalScope
{
    private readonly Dictionary<string, LocalSymbol> _locals = new(StringComparer.Ordinal);

    public LocalScope(LocalScope? parent)
    {
        Parent = parent;
    }

    public LocalScope? Parent { get; }

    public bool TryDeclare(LocalSymbol local) => Lookup(local.Name) is null && _locals.TryAdd(local.Name, local);

    public LocalSymbol? Lookup(string name)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope._locals.TryGetValue(name, out var local))
            {
                return local;
            }
        }

        return null;
    }

    public IEnumerable<LocalSymbol> AllVisible()
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            foreach (var local in scope._locals.Values)
            {
                yield return local;
            }
        }
    }
}
