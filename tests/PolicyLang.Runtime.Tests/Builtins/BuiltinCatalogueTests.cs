// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using System.Text.RegularExpressions;
using k8s.Models;
using PolicyLang.Runtime.Builtins;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Tests.Builtins;

/// <summary>
/// The [Builtin] declarations are the registry the compiler reads: these tests hold every declaration to the rules
/// the compiler relies on (shape, documentation, the CLR types it can map, unambiguous overloads, validators).
/// </summary>
public sealed partial class BuiltinCatalogueTests
{
    private static readonly Type[] ScalarTypes = [typeof(string), typeof(ResourceQuantity), typeof(ImageReference), typeof(DocNode)];

    private static readonly Type[] ValueTypes = [typeof(bool), typeof(long), typeof(double), typeof(TimeSpan), typeof(DateTimeOffset)];

    public static TheoryData<string> Names() => [.. BuiltinReflection.All.Select(b => b.Attribute.Name).Distinct()];

    [Fact]
    public void The_catalogue_has_every_category_and_the_functions_the_language_promises()
    {
        BuiltinReflection.All.Select(b => b.Attribute.Category).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(BuiltinCategories.All.Order(StringComparer.Ordinal));
        var names = BuiltinReflection.All.Select(b => b.Attribute.Name).ToHashSet(StringComparer.Ordinal);
        string[] promised =
        [
            "lower", "upper", "trim", "trimPrefix", "trimSuffix", "split", "join", "replace", "startsWith", "endsWith", "contains",
            "indexOf", "substring", "len", "repeat", "string", "int", "float", "base64Decode", "base64Encode",
            "matches", "regexFind", "regexFindAll", "regexReplace", "regexSplit", "glob",
            "semverCompare", "semverValid", "semverSatisfies", "cidrContains", "ipValid", "cidrValid", "ipIsPrivate", "ipIsLoopback",
            "quantity", "quantityCompare", "quantityValue", "duration", "timestamp", "now", "durationSeconds",
            "image", "imageRegistry", "imageRepository", "imageTag", "imageDigest", "imageName", "imageIsPinned",
            "union", "intersection", "difference", "toSet", "isSubset", "keys", "values", "sort", "unique", "flatten", "reverse",
            "first", "last", "sum", "min", "max", "avg", "abs", "floor", "ceil", "round", "hasKey", "lookup",
            "selectorMatches", "hasLabel", "label", "modeAtMost", "modeString", "parseMode",
        ];
        promised.Where(p => !names.Contains(p)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_builtin_is_a_public_static_method_of_a_public_static_class()
    {
        var wrong = BuiltinReflection.All
            .Where(b => !b.Method.IsPublic || !b.Method.IsStatic || b.Method.DeclaringType is not { IsPublic: true, IsAbstract: true, IsSealed: true })
            .Select(b => BuiltinReflection.Describe(b.Method));
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_builtin_has_a_camel_case_name_a_summary_and_an_example()
    {
        var wrong = BuiltinReflection.All
            .Where(b => !CamelCase().IsMatch(b.Attribute.Name) || string.IsNullOrWhiteSpace(b.Attribute.Summary) || string.IsNullOrWhiteSpace(b.Attribute.Example))
            .Select(b => b.Attribute.Name);
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Every_parameter_the_policy_writes_has_documentation()
    {
        var wrong = BuiltinReflection.All
            .SelectMany(b => BuiltinReflection.UserParameters(b.Method).Select(p => (b.Method, p)))
            .Where(x => string.IsNullOrWhiteSpace(x.p.GetCustomAttribute<DocAttribute>()?.Text))
            .Select(x => $"{BuiltinReflection.Describe(x.Method)}: {x.p.Name}");
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Signatures_use_only_types_the_compiler_maps()
    {
        var wrong = new List<string>();
        foreach (var (method, _) in BuiltinReflection.All)
        {
            foreach (var p in method.GetParameters())
            {
                var isContext = p.Position == 0 && p.ParameterType == typeof(EvaluationContext);
                if (!isContext && !IsAllowed(p.ParameterType, isReturn: false))
                {
                    wrong.Add($"{BuiltinReflection.Describe(method)}: parameter {p.Name} has type {p.ParameterType}");
                }
            }

            if (!IsAllowed(method.ReturnType, isReturn: true))
            {
                wrong.Add($"{BuiltinReflection.Describe(method)}: returns {method.ReturnType}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void Only_builtins_that_read_the_context_are_non_deterministic()
    {
        var wrong = BuiltinReflection.All
            .Where(b => BuiltinReflection.TakesContext(b.Method) == b.Attribute.Deterministic
                || b.Method.GetParameters().Skip(1).Any(p => p.ParameterType == typeof(EvaluationContext)))
            .Select(b => BuiltinReflection.Describe(b.Method));
        wrong.ShouldBeEmpty();
    }

    [Fact]
    public void No_two_overloads_have_the_same_parameter_types()
    {
        var duplicates = BuiltinReflection.All
            .GroupBy(b => b.Attribute.Name + "(" + string.Join(",", BuiltinReflection.UserParameters(b.Method).Select(p => Shape(p.ParameterType))) + ")", StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => g.Key);
        duplicates.ShouldBeEmpty();
    }

    [Fact]
    public void Overloads_of_one_name_share_a_category_and_the_category_is_known()
    {
        BuiltinReflection.All.Where(b => !BuiltinCategories.All.Contains(b.Attribute.Category)).Select(b => b.Attribute.Name).ShouldBeEmpty();
        BuiltinReflection.All.GroupBy(b => b.Attribute.Name).Where(g => g.Select(b => b.Attribute.Category).Distinct().Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public void Every_constant_validator_names_a_static_method_of_the_right_shape_in_the_same_class()
    {
        var withValidator = BuiltinReflection.All.Where(b => b.Attribute.ConstantValidator is not null).ToList();
        withValidator.Select(b => b.Attribute.Name).ShouldContain("matches");
        foreach (var (method, attribute) in withValidator)
        {
            var validator = method.DeclaringType?.GetMethod(attribute.ConstantValidator ?? string.Empty, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
            validator.ShouldNotBeNull($"{attribute.Name}: no method {attribute.ConstantValidator}");
            validator.ReturnType.ShouldBe(typeof(string), attribute.Name);
            validator.GetParameters().Select(p => p.ParameterType).ShouldBe([typeof(int), typeof(object)], attribute.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Constant_validators_accept_nothing_but_strings_and_do_not_throw(string name)
    {
        foreach (var (method, attribute) in BuiltinReflection.All.Where(b => b.Attribute.Name == name && b.Attribute.ConstantValidator is not null))
        {
            var validator = method.DeclaringType?.GetMethod(attribute.ConstantValidator ?? string.Empty, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
            for (var i = 0; i < BuiltinReflection.UserParameters(method).Length; i++)
            {
                validator?.Invoke(null, [i, null]).ShouldBeNull();
                validator?.Invoke(null, [i, 42L]).ShouldBeNull();
            }
        }
    }

    [Fact]
    public void Every_builtin_is_listed_in_the_docs()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "builtins.md")))
        {
            directory = directory.Parent;
        }

        directory.ShouldNotBeNull("docs/builtins.md not found above the test output folder");
        var docs = File.ReadAllText(Path.Combine(directory.FullName, "docs", "builtins.md"));
        var missing = BuiltinReflection.All.Select(b => b.Attribute.Name).Distinct()
            .Where(name => !Regex.IsMatch(docs, "`" + name + "[`(]"));
        missing.ShouldBeEmpty();
    }

    private static bool IsAllowed(Type type, bool isReturn)
    {
        if (type.IsGenericParameter || ScalarTypes.Contains(type) || IsKubernetesModel(type))
        {
            return true;
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return ValueTypes.Contains(underlying);
        }

        if (ValueTypes.Contains(type))
        {
            return isReturn;
        }

        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        var arguments = type.GetGenericArguments();
        return (definition == typeof(IList<>) || definition == typeof(ISet<>)) ? IsAllowedElement(arguments[0])
            : definition == typeof(IDictionary<,>) && arguments[0] == typeof(string) && IsAllowedElement(arguments[1]);
    }

    /// <summary>Kubernetes API objects (a LabelSelector, say) are typed by the compiler's schemas from the same models.</summary>
    private static bool IsKubernetesModel(Type type) =>
        type.IsClass && string.Equals(type.Namespace, typeof(V1Pod).Namespace, StringComparison.Ordinal) && type.Assembly == typeof(V1Pod).Assembly;

    /// <summary>Elements of value type are nullable (<c>IList&lt;long?&gt;</c>): lists may hold absent values.</summary>
    private static bool IsAllowedElement(Type type) => !ValueTypes.Contains(type) && IsAllowed(type, isReturn: false);

    /// <summary>A parameter type with type variables named by position, so <c>IList&lt;T&gt;</c> and <c>IList&lt;U&gt;</c> compare equal.</summary>
    private static string Shape(Type type) =>
        type.IsGenericParameter ? "T" + type.GenericParameterPosition
        : type.IsGenericType ? type.GetGenericTypeDefinition().Name + "[" + string.Join(",", type.GetGenericArguments().Select(Shape)) + "]"
        : type.FullName ?? type.Name;

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
