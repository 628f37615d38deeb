// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Built-ins over the fields of a value. Kubernetes objects often say what they are by which field is set (a
/// volume's source, a probe's handler, a selector's form); <c>fields</c> names them so that a rule can compare the
/// set with a list instead of testing each field in turn.
/// </summary>
public static class ObjectBuiltins
{
    private static readonly ConcurrentDictionary<Type, (string Name, PropertyInfo Property)[]> Schemas = new();

    [Builtin("fields", BuiltinCategories.Collections, "The names of the fields of x that are set (present and not null), as written in YAML, in schema order: for a volume, its name and its source (hostPath, secret, …). For a map or a dynamic object, the keys whose values are not null. Empty if x is absent, a scalar or a list.", Example = "fields(v) == [\"hostPath\", \"name\"]")]
    public static IList<string> Fields<T>([Doc("An object, a map or a dynamic value.")] T value) => value switch
    {
        null => [],
        DocMap map => [.. map.Entries.Where(e => e.Value is not null && e.Value.Kind != DocNodeKind.Null).Select(e => e.Key)],
        DocNode or string or IEnumerable and not IDictionary => [],
        IDictionary map => [.. map.Keys.Cast<object>().Where(k => map[k] is not null).Select(k => k.ToString() ?? string.Empty)],
        _ when value.GetType().IsPrimitive || value.GetType().IsValueType => [],
        _ => [.. SchemaOf(value.GetType()).Where(f => f.Property.GetValue(value) is not null).Select(f => f.Name)],
    };

    /// <summary>The fields a policy sees of a CLR type: its properties with a JSON name, not hidden from policies.</summary>
    private static (string Name, PropertyInfo Property)[] SchemaOf(Type type) => Schemas.GetOrAdd(type, static t =>
        [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetCustomAttribute<HiddenFromPoliciesAttribute>() is null)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Property: p))
            .Where(p => p.Name is not null)
            .Select(p => (p.Name ?? string.Empty, p.Property))]);
}
