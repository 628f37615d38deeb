// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s.Models;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Types;

/// <summary>
/// The subject schemas: maps CLR classes (KubernetesClient models, PolicyLang subject types) to object types,
/// CLR types to PolicyLang types, and type names to types. One instance serves every compilation (immutable,
/// thread-safe, built lazily).
/// </summary>
public static partial class Schemas
{
    private static readonly ConcurrentDictionary<Type, ObjectType> ObjectTypes = new();

    private static readonly Lazy<FrozenDictionary<string, TypeSymbol>> NamedTypes = new(BuildNamedTypes);

    /// <summary>The type of a rule's subject variable.</summary>
    public static ObjectType ForSubject(SubjectKind kind) => ForClr(kind switch
    {
        SubjectKind.Manifest => typeof(ManifestSubject),
        SubjectKind.Workload => typeof(Workload),
        SubjectKind.Admission => typeof(AdmissionSubject),
        SubjectKind.Image => typeof(ImageSubject),
        SubjectKind.Event => typeof(RuntimeEvent),
        SubjectKind.Host => typeof(HostFacts),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    });

    /// <summary>The typed model of a Kubernetes kind (e.g. <c>Deployment</c>), or null for unknown kinds and CRDs.</summary>
    public static ObjectType? ForKind(string kind) => KubernetesKinds.FindByKind(kind) is { } type ? ForClr(type) : null;

    /// <summary>The object type of a CLR class.</summary>
    public static ObjectType ForClr(Type type) => ObjectTypes.GetOrAdd(type, static t =>
        new ObjectType(DisplayName(t), t, t.GetCustomAttribute<DynamicMembersAttribute>() is not null, BuildFields));

    /// <summary>A type by name, as written in parameter and function declarations (without type arguments).</summary>
    public static TypeSymbol? FindNamed(string name) => NamedTypes.Value.GetValueOrDefault(name);

    /// <summary>The names usable in type positions (for completion and did-you-mean).</summary>
    public static IEnumerable<string> TypeNames => NamedTypes.Value.Keys.Concat(["list", "set", "map"]);

    /// <summary>The PolicyLang type of a CLR type, and how generated code converts a value of it.</summary>
    public static TypeSymbol FromClr(Type type, out ReadConversion conversion)
    {
        conversion = ReadConversion.None;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying == typeof(string))
        {
            return TypeSymbol.String;
        }

        if (underlying == typeof(bool))
        {
            return TypeSymbol.Bool;
        }

        if (underlying == typeof(long) || underlying == typeof(int) || underlying == typeof(short) || underlying == typeof(byte) || underlying == typeof(uint))
        {
            return TypeSymbol.Int;
        }

        if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
        {
            return TypeSymbol.Float;
        }

        if (underlying == typeof(ResourceQuantity))
        {
            return TypeSymbol.Quantity;
        }

        if (underlying == typeof(TimeSpan))
        {
            return TypeSymbol.Duration;
        }

        if (underlying == typeof(DateTimeOffset))
        {
            return TypeSymbol.Timestamp;
        }

        if (underlying == typeof(DateTime))
        {
            conversion = ReadConversion.DateTime;
            return TypeSymbol.Timestamp;
        }

        if (underlying == typeof(IntOrString))
        {
            conversion = ReadConversion.IntOrString;
            return TypeSymbol.String;
        }

        if (underlying == typeof(byte[]))
        {
            conversion = ReadConversion.Base64;
            return TypeSymbol.String;
        }

        if (typeof(DocNode).IsAssignableFrom(underlying))
        {
            return TypeSymbol.Dynamic;
        }

        if (underlying == typeof(object) || underlying == typeof(JsonElement))
        {
            conversion = ReadConversion.ObjectToDynamic;
            return TypeSymbol.Dynamic;
        }

        if (underlying.IsGenericType)
        {
            var definition = underlying.GetGenericTypeDefinition();
            var arguments = underlying.GetGenericArguments();
            if (definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                return new MapType(FromClr(arguments[0], out _), FromClr(arguments[1], out _));
            }

            if (definition == typeof(ISet<>) || definition == typeof(HashSet<>) || definition == typeof(IReadOnlySet<>))
            {
                return new SetType(FromClr(arguments[0], out _));
            }

            if (definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>))
            {
                return new ListType(FromClr(arguments[0], out _));
            }
        }

        if (underlying.IsArray && underlying.GetElementType() is { } element)
        {
            return new ListType(FromClr(element, out _));
        }

        if (underlying.IsClass)
        {
            return ForClr(underlying);
        }

        return TypeSymbol.Dynamic;
    }

    /// <summary>The name a model shows in messages and hover: <c>V1Container</c> is <c>Container</c>.</summary>
    public static string DisplayName(Type type) => type switch
    {
        _ when type == typeof(ManifestSubject) => "Object",
        _ when type == typeof(AdmissionSubject) => "Admission",
        _ when type == typeof(ImageSubject) => "Image",
        _ when type == typeof(HostFacts) => "Host",
        _ when type == typeof(RuntimeEvent) => "Event",
        _ when type.Namespace == typeof(V1Pod).Namespace => VersionPrefix().Replace(type.Name, string.Empty),
        _ => type.Name,
    };

    private static FrozenDictionary<string, FieldSymbol> BuildFields(ObjectType owner)
    {
        var fields = new Dictionary<string, FieldSymbol>(StringComparer.Ordinal);
        foreach (var property in owner.ClrType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<HiddenFromPoliciesAttribute>() is not null || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (name is null)
            {
                continue;
            }

            var type = FromClr(property.PropertyType, out var conversion);
            var path = property.GetCustomAttribute<SubjectPathAttribute>();
            fields[name] = new FieldSymbol(
                name,
                type,
                property,
                conversion,
                path?.BaseProperty,
                path?.Suffix,
                property.GetCustomAttribute<ElementPathsAttribute>()?.PathsProperty,
                property.GetCustomAttribute<KnownValuesAttribute>()?.Values ?? []);
        }

        return fields.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static FrozenDictionary<string, TypeSymbol> BuildNamedTypes()
    {
        var types = new Dictionary<string, TypeSymbol>(StringComparer.Ordinal)
        {
            ["bool"] = TypeSymbol.Bool,
            ["int"] = TypeSymbol.Int,
            ["float"] = TypeSymbol.Float,
            ["string"] = TypeSymbol.String,
            ["quantity"] = TypeSymbol.Quantity,
            ["duration"] = TypeSymbol.Duration,
            ["timestamp"] = TypeSymbol.Timestamp,
            ["dynamic"] = TypeSymbol.Dynamic,
        };
        foreach (var subject in Enum.GetValues<SubjectKind>())
        {
            var type = ForSubject(subject);
            types[type.Name] = type;
        }

        types["Workload"] = ForSubject(SubjectKind.Workload);
        types["ImageReference"] = ForClr(typeof(ImageReference));

        // Stable kinds first so that an unversioned name means the stable model.
        foreach (var model in typeof(V1Pod).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(V1Pod).Namespace && t.IsClass && !t.IsAbstract && t.GetProperties().Any(p => p.GetCustomAttribute<JsonPropertyNameAttribute>() is not null))
            .OrderBy(t => t.Name.Contains("alpha", StringComparison.Ordinal) ? 2 : t.Name.Contains("beta", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(t => t.Name, StringComparer.Ordinal))
        {
            types.TryAdd(DisplayName(model), ForClr(model));
        }

        return types.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"^V\d+((alpha|beta)\d+)?(?=[A-Z])")]
    private static partial Regex VersionPrefix();
}
