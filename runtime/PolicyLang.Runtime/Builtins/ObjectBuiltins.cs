// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections;
using System.Collections.Concurrent;
using System.Linq.Expressions;
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
    private static readonly ConcurrentDictionary<Type, Schema> Schemas = new();

    [Builtin("fields", BuiltinCategories.Collections, "The names of the fields of x that are set (present and not null), as written in YAML, in schema order: for a volume, its name and its source (hostPath, secret, …). For a map or a dynamic object, the keys whose values are not null. Empty if x is absent, a scalar or a list.", Example = "fields(v) == [\"hostPath\", \"name\"]")]
    public static IList<string> Fields<T>([Doc("An object, a map or a dynamic value.")] T value) =>
        // The typed fast path: a value of exactly the declared schema type (a volume, a probe…) skips the type tests.
        value is not null && TypedSchema<T>.Schema is { } schema && value.GetType() == typeof(T) ? schema.SetFields(value) : FieldsOfAny(value);

    private static IList<string> FieldsOfAny<T>(T value) => value switch
    {
        null => [],
        DocMap map => [.. map.Entries.Where(e => e.Value is not null && e.Value.Kind != DocNodeKind.Null).Select(e => e.Key)],
        DocNode or string or IEnumerable and not IDictionary => [],
        IDictionary map => KeysOf(map),
        _ when value.GetType().IsPrimitive || value.GetType().IsValueType => [],
        _ => Schemas.GetOrAdd(value.GetType(), static t => new Schema(t)).SetFields(value),
    };

    /// <summary>The schema of a declared type whose values are objects with fields (not maps, lists, scalars or document nodes), or null.</summary>
    private static class TypedSchema<T>
    {
        public static readonly Schema? Schema = HasFields(typeof(T)) ? Schemas.GetOrAdd(typeof(T), static t => new Schema(t)) : null;

        private static bool HasFields(Type type) =>
            type.IsClass && !type.IsAbstract && type != typeof(string) && !typeof(DocNode).IsAssignableFrom(type)
            && !typeof(IEnumerable).IsAssignableFrom(type) && !typeof(IDictionary).IsAssignableFrom(type);
    }

    // Its own method: a lambda capturing the map inside the switch would allocate its closure on every call, whatever the arm.
    private static List<string> KeysOf(IDictionary map) => [.. map.Keys.Cast<object>().Where(k => map[k] is not null).Select(k => k.ToString() ?? string.Empty)];

    /// <summary>
    /// The fields a policy sees of a CLR type: its properties with a JSON name, not hidden from policies, each with a
    /// compiled "is set" test. Which fields an object sets is a bit mask; the list of names of each mask is built once
    /// and shared (lists given to policies are never changed), so <c>fields</c> on a typed object allocates nothing
    /// on the hot path. The number of masks kept is bounded, against inputs made to set every combination.
    /// </summary>
    private sealed class Schema
    {
        private const int MaxCachedMasks = 1024;
        private readonly (string Name, Func<object, bool> IsSet)[] _fields;
        private readonly ConcurrentDictionary<ulong, IList<string>> _byMask = new();
        // Every "is set" test of the type in one compiled method giving the mask: one call, direct property reads.
        private readonly Func<object, ulong>? _mask;

        public Schema(Type type)
        {
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null && p.GetCustomAttribute<HiddenFromPoliciesAttribute>() is null)
                .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Property: p))
                .Where(p => p.Name is not null)
                .ToArray();
            _fields = [.. properties.Select(p => (p.Name ?? string.Empty, IsSetTest(type, p.Property)))];
            _mask = properties.Length <= 64 ? MaskOf(type, [.. properties.Select(p => p.Property)]) : null;
        }

        public IList<string> SetFields(object value)
        {
            if (_mask is not { } maskOf)
            {
                return AllSetFields(value);
            }

            var mask = maskOf(value);

            if (_byMask.TryGetValue(mask, out var known))
            {
                return known;
            }

            var names = NamesOf(mask);
            return _byMask.Count < MaxCachedMasks ? _byMask.GetOrAdd(mask, names) : names;
        }

        // Its own method, as NamesOf: a lambda capturing the value in SetFields would allocate its closure on every call.
        private List<string> AllSetFields(object value) => [.. _fields.Where(f => f.IsSet(value)).Select(f => f.Name)];

        // Its own method: a lambda capturing the mask in SetFields would allocate its closure on every call.
        private IList<string> NamesOf(ulong mask) => Array.AsReadOnly([.. _fields.Where((_, i) => (mask & (1UL << i)) != 0).Select(f => f.Name)]);

        /// <summary>
        /// <c>o => (((T)o).P0 != null ? 1 : 0) | (((T)o).P1 != null ? 2 : 0) | …</c>, as <see cref="IsSetOf"/> tests each
        /// property: a reference or nullable value is set when not null, a plain value type is always set.
        /// </summary>
        private static Func<object, ulong> MaskOf(Type owner, PropertyInfo[] properties)
        {
            var parameter = Expression.Parameter(typeof(object), "o");
            var typed = Expression.Variable(owner, "t");
            Expression mask = Expression.Constant(0UL);
            for (var i = 0; i < properties.Length; i++)
            {
                var type = properties[i].PropertyType;
                if (type.IsValueType && Nullable.GetUnderlyingType(type) is null)
                {
                    mask = Expression.Or(mask, Expression.Constant(1UL << i));
                    continue;
                }

                var read = Expression.Property(typed, properties[i]);
                Expression isSet = type.IsValueType ? Expression.Property(read, "HasValue") : Expression.ReferenceNotEqual(read, Expression.Constant(null, type));
                mask = Expression.Or(mask, Expression.Condition(isSet, Expression.Constant(1UL << i), Expression.Constant(0UL)));
            }

            var body = Expression.Block([typed], Expression.Assign(typed, Expression.Convert(parameter, owner)), mask);
            return Expression.Lambda<Func<object, ulong>>(body, parameter).Compile();
        }

        private static Func<object, bool> IsSetTest(Type owner, PropertyInfo property)
        {
            var method = typeof(Schema).GetMethod(nameof(IsSetOf), BindingFlags.NonPublic | BindingFlags.Static)
                ?? throw new InvalidOperationException("IsSetOf is missing.");
            var getter = property.GetMethod ?? throw new InvalidOperationException($"{property.Name} has no getter.");
            return (Func<object, bool>)(method.MakeGenericMethod(owner, property.PropertyType).Invoke(null, [getter])
                ?? throw new InvalidOperationException("IsSetOf returned nothing."));
        }

        // A typed delegate to the getter: no reflection call and no boxing of value-typed fields per test.
        private static Func<object, bool> IsSetOf<TOwner, TValue>(MethodInfo getter)
        {
            var get = getter.CreateDelegate<Func<TOwner, TValue>>();
            return o => get((TOwner)o) is not null;
        }
    }
}
