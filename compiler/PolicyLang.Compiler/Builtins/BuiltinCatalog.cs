// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Builtins;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Compiler.Builtins;

/// <summary>
/// The immutable catalogue of built-in functions, built once from the runtime's [Builtin] methods.
/// The type checker, hover, completion, signature help, docs, capabilities.json and code generation all read it.
/// </summary>
public static class BuiltinCatalog
{
    private static readonly Lazy<FrozenDictionary<string, BuiltinFunction>> Functions = new(Build);

    public static IReadOnlyCollection<BuiltinFunction> All => Functions.Value.Values;

    public static BuiltinFunction? Find(string name) => Functions.Value.GetValueOrDefault(name);

    public static IEnumerable<string> Names => Functions.Value.Keys;

    /// <summary>capabilities.json: every built-in with its signatures, so policies can be checked against an engine version.</summary>
    public static string CapabilitiesJson(string version)
    {
        var document = new
        {
            version,
            builtins = All.OrderBy(f => f.Name, StringComparer.Ordinal).SelectMany(f => f.Overloads).Select(o => new
            {
                name = o.Name,
                category = o.Category,
                parameters = o.Parameters.Select(p => new { name = p.Name, type = p.Type.Name }),
                result = o.ReturnType.Name,
                deterministic = o.Deterministic,
            }),
        };
        return JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true });
    }

    private static FrozenDictionary<string, BuiltinFunction> Build()
    {
        var overloads = new List<BuiltinOverload>();
        foreach (var type in typeof(BuiltinAttribute).Assembly.GetExportedTypes().Where(t => t.IsAbstract && t.IsSealed))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static))
            {
                if (method.GetCustomAttribute<BuiltinAttribute>() is { } attribute)
                {
                    overloads.Add(Describe(method, attribute));
                }
            }
        }

        return overloads
            .GroupBy(o => o.Name, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => new BuiltinFunction(g.Key, g.First().Category, g.ToArray()), StringComparer.Ordinal);
    }

    private static BuiltinOverload Describe(MethodInfo method, BuiltinAttribute attribute)
    {
        var parameters = method.GetParameters();
        var takesContext = parameters.Length > 0 && parameters[0].ParameterType == typeof(EvaluationContext);
        var generics = method.IsGenericMethodDefinition ? method.GetGenericArguments() : [];
        var described = parameters.Skip(takesContext ? 1 : 0)
            .Select(p => new BuiltinParameter(p.Name ?? "arg", MapType(p.ParameterType, generics), p.GetCustomAttribute<DocAttribute>()?.Text ?? string.Empty))
            .ToArray();
        var validator = attribute.ConstantValidator is { } name ? method.DeclaringType?.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) : null;
        var prepared = attribute.ConstantPreparer is { } preparer ? PreparedFormOf(method, preparer, takesContext) : null;
        return new BuiltinOverload(attribute.Name, attribute.Category, attribute.Summary, attribute.Example, attribute.Deterministic, method, takesContext, described, MapType(method.ReturnType, generics), validator, prepared);
    }

    /// <summary>
    /// The preparer a built-in names and the overload that takes its result; a mismatch is a mistake in the runtime's
    /// declarations, reported when the catalogue is built (the catalogue tests build it).
    /// </summary>
    private static PreparedForm PreparedFormOf(MethodInfo method, string preparerName, bool takesContext)
    {
        var type = method.DeclaringType ?? throw new InvalidOperationException($"{method.Name} has no declaring type");
        var preparer = type.GetMethod(preparerName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"{type.Name}.{method.Name}: constant preparer {preparerName} not found");
        var written = method.GetParameters().Skip(takesContext ? 1 : 0).ToArray();
        var indexes = preparer.GetParameters()
            .Select(p => Array.FindIndex(written, w => w.Name == p.Name && w.ParameterType == p.ParameterType))
            .ToArray();
        if (indexes.Length == 0 || indexes.Any(i => i < 0) || !indexes.SequenceEqual(indexes.Order()))
        {
            throw new InvalidOperationException($"{type.Name}.{preparerName}: its parameters must be parameters of {method.Name}, in order");
        }

        var expected = method.GetParameters().Take(takesContext ? 1 : 0).Select(p => p.ParameterType)
            .Concat(written.Select((p, i) => i == indexes[0] ? preparer.ReturnType : p.ParameterType).Where((_, i) => i == indexes[0] || !indexes.Contains(i)))
            .ToArray();
        var form = type.GetMethod(method.Name, BindingFlags.Public | BindingFlags.Static, expected)
            ?? throw new InvalidOperationException($"{type.Name}.{method.Name}: no overload takes the {preparer.ReturnType.Name} of {preparerName}");
        if (form.ReturnType != method.ReturnType)
        {
            throw new InvalidOperationException($"{type.Name}.{method.Name}: the prepared overload must return {method.ReturnType.Name}");
        }

        return new PreparedForm(preparer, indexes, form);
    }

    /// <summary>Maps a built-in's CLR parameter or return type; generic parameters become type variables.</summary>
    private static TypeSymbol MapType(Type type, Type[] generics)
    {
        if (type.IsGenericParameter)
        {
            return new TypeVariable(type.Name);
        }

        if (type.IsGenericType && type.GetGenericArguments().Any(a => a.ContainsGenericParameters))
        {
            var definition = type.GetGenericTypeDefinition();
            var arguments = type.GetGenericArguments().Select(a => MapType(a, generics)).ToArray();
            if (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>))
            {
                return new MapType(arguments[0], arguments[1]);
            }

            if (definition == typeof(ISet<>) || definition == typeof(HashSet<>) || definition == typeof(IReadOnlySet<>))
            {
                return new SetType(arguments[0]);
            }

            if (definition == typeof(Nullable<>))
            {
                return arguments[0];
            }

            return new ListType(arguments[0]);
        }

        return Schemas.FromClr(type, out _);
    }
}
