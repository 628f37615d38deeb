// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Compiler.Evaluation;

/// <summary>
/// The locals of one running rule or function call (the generated method's locals): values by symbol, and for
/// loop counters of dynamic iterations the collection they walk (to build path tokens, as generated code does).
/// </summary>
internal sealed class Frame
{
    private readonly Dictionary<LocalSymbol, object?> _values = [];
    private readonly Dictionary<LocalSymbol, DocNode?> _dynamicCollections = [];
    private readonly EvaluationContext? _context;

    public Frame(EvaluationContext? context)
    {
        _context = context;
    }

    /// <summary>The evaluation context (<c>ctx</c> of generated code); constants and parameter defaults have none.</summary>
    public EvaluationContext Context => _context ?? throw new InvalidOperationException("This expression needs an evaluation context (a constant or parameter default cannot read it).");

    /// <summary>The evaluation context, or null for constants and parameter defaults.</summary>
    public EvaluationContext? ContextOrNull => _context;

    public object? Get(LocalSymbol local) =>
        _values.TryGetValue(local, out var value) ? value : throw new InvalidOperationException($"The local '{local.Name}' is read before it is assigned.");

    public void Set(LocalSymbol local, object? value) => _values[local] = value;

    /// <summary>Records that a loop counter walks a dynamic collection.</summary>
    public void SetDynamicCollection(LocalSymbol index, DocNode? collection) => _dynamicCollections[index] = collection;

    public bool TryGetDynamicCollection(LocalSymbol index, out DocNode? collection) => _dynamicCollections.TryGetValue(index, out collection);
}
