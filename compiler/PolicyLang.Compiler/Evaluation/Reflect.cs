// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;

namespace PolicyLang.Compiler.Evaluation;

/// <summary>
/// Reflection for the interpreter: calls that let exceptions through unwrapped (so a failing built-in fails the
/// rule exactly as in generated code), cached generic instantiations, and the conversions of C# casts.
/// </summary>
internal static class Reflect
{
    private const BindingFlags Unwrapped = BindingFlags.DoNotWrapExceptions;

    private static readonly ConcurrentDictionary<(MethodInfo Definition, Type Argument), MethodInfo> Generics = new();

    private static readonly MethodInfo CastDefinition = typeof(Reflect).GetMethod(nameof(CastReference), BindingFlags.NonPublic | BindingFlags.Static)
        ?? throw new InvalidOperationException("Reflect.CastReference is missing.");

    /// <summary>Calls a method; an exception it throws propagates as itself, not wrapped.</summary>
    public static object? Invoke(MethodInfo method, object? target, params object?[] arguments) =>
        method.Invoke(target, Unwrapped, binder: null, arguments, CultureInfo.InvariantCulture);

    /// <summary>Reads a property; an exception its getter throws propagates as itself.</summary>
    public static object? Get(PropertyInfo property, object target) =>
        Invoke(property.GetMethod ?? throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name} has no getter."), target);

    /// <summary>A method of one type argument, instantiated once.</summary>
    public static MethodInfo Generic(MethodInfo definition, Type argument) =>
        Generics.GetOrAdd((definition, argument), static key => key.Definition.MakeGenericMethod(key.Argument));

    /// <summary>A non-generic static method by name with exactly these parameter types, or null.</summary>
    public static MethodInfo? Static(Type type, string name, params Type[] parameters) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static).SingleOrDefault(m =>
            m.Name == name && !m.IsGenericMethodDefinition && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters));

    /// <summary>A generic static method definition by name whose first parameter is built on the given open generic type.</summary>
    public static MethodInfo GenericDefinition(Type type, string name, Type firstParameterDefinition) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m =>
            m.Name == name && m.IsGenericMethodDefinition && m.GetParameters() is { Length: > 0 } p
            && p[0].ParameterType.IsGenericType && p[0].ParameterType.GetGenericTypeDefinition() == firstParameterDefinition);

    /// <summary>
    /// What the C# cast <c>((T)value)</c> of generated code does: numeric conversions between nullable numbers,
    /// otherwise a reference cast that throws <see cref="InvalidCastException"/> as C# does.
    /// </summary>
    public static object? Cast(object? value, Type target)
    {
        if (value is null)
        {
            return null;
        }

        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (underlying.IsInstanceOfType(value))
        {
            return value;
        }

        if (underlying == typeof(long) && value is int or short or byte or uint or sbyte or ushort)
        {
            return Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }

        if (underlying == typeof(double))
        {
            switch (value)
            {
                case float f:
                    return (double)f;
                case decimal m:
                    return (double)m;
                case long or int or short or byte or uint:
                    return Convert.ToDouble(value, CultureInfo.InvariantCulture);
            }
        }

        return Invoke(Generic(CastDefinition, target), null, value);
    }

    private static T CastReference<T>(object value) => (T)value;
}
