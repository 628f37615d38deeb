// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using PolicyLang.Runtime.Builtins;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Runtime.Tests.Builtins;

/// <summary>Finds every [Builtin] method of the runtime assembly, as the compiler's catalogue does.</summary>
internal static class BuiltinReflection
{
    public static IReadOnlyList<(MethodInfo Method, BuiltinAttribute Attribute)> All { get; } =
        typeof(BuiltinAttribute).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<BuiltinAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Method, x.Attribute ?? throw new InvalidOperationException()))
            .OrderBy(x => x.Item2.Name, StringComparer.Ordinal)
            .ToArray();

    public static bool TakesContext(MethodInfo method) =>
        method.GetParameters() is [{ } first, ..] && first.ParameterType == typeof(EvaluationContext);

    /// <summary>The parameters the policy writes (without the compiler-supplied context).</summary>
    public static ParameterInfo[] UserParameters(MethodInfo method) =>
        method.GetParameters().Skip(TakesContext(method) ? 1 : 0).ToArray();

    /// <summary>The method with each type variable bound to string, ready to invoke.</summary>
    public static MethodInfo Closed(MethodInfo method) =>
        method.IsGenericMethodDefinition
            ? method.MakeGenericMethod(method.GetGenericArguments().Select(_ => typeof(string)).ToArray())
            : method;

    public static string Describe(MethodInfo method) =>
        $"{method.DeclaringType?.Name}.{method.Name}({string.Join(", ", method.GetParameters().Select(p => TypeName(p.ParameterType)))})";

    private static string TypeName(Type type) =>
        Nullable.GetUnderlyingType(type) is { } underlying ? TypeName(underlying) + "?"
        : type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] + "<" + string.Join(",", type.GetGenericArguments().Select(TypeName)) + ">"
        : type.Name;
}
