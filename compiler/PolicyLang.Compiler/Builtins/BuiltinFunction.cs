// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Builtins;

/// <summary>A built-in function: its name, category and overloads, read from the runtime's [Builtin] declarations.</summary>
public sealed record BuiltinFunction(string Name, string Category, IReadOnlyList<BuiltinOverload> Overloads)
{
    public string Summary => Overloads[0].Summary;
}

/// <summary>One overload: the CLR method the generated code calls, and its PolicyLang signature.</summary>
public sealed record BuiltinOverload(
    string Name,
    string Category,
    string Summary,
    string? Example,
    bool Deterministic,
    MethodInfo Method,
    bool TakesContext,
    IReadOnlyList<BuiltinParameter> Parameters,
    TypeSymbol ReturnType,
    MethodInfo? ConstantValidator,
    PreparedForm? Prepared = null)
{
    /// <summary>The signature as shown in hover and signature help: <c>lower(s: string): string</c>.</summary>
    public string Signature => $"{Name}({string.Join(", ", Parameters.Select(p => $"{p.Name}: {p.Type}"))}): {ReturnType}";

    public bool IsGeneric => Method.IsGenericMethodDefinition;
}

/// <summary>A parameter of a built-in.</summary>
public sealed record BuiltinParameter(string Name, TypeSymbol Type, string Documentation);

/// <summary>
/// How a call whose arguments at <see cref="ArgumentIndexes"/> (0-based among those the policy writes) are constants
/// is made instead: <see cref="Preparer"/> is called once on those constants, and <see cref="Method"/> takes its result
/// in place of them, at the position of the first (see <c>BuiltinAttribute.ConstantPreparer</c>).
/// </summary>
public sealed record PreparedForm(MethodInfo Preparer, IReadOnlyList<int> ArgumentIndexes, MethodInfo Method);
