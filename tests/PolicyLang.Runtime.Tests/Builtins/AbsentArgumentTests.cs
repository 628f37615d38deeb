// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections;
using System.Reflection;
using k8s.Models;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Tests.Builtins;

/// <summary>Absent is normal: every built-in takes absent for any argument without throwing.</summary>
public sealed class AbsentArgumentTests
{
    public static TheoryData<string> Overloads() => [.. BuiltinReflection.All.Select(b => BuiltinReflection.Describe(b.Method))];

    [Theory]
    [MemberData(nameof(Overloads))]
    public void All_arguments_absent_gives_an_empty_result(string overload)
    {
        var method = Find(overload);
        var result = method.Invoke(null, new object?[method.GetParameters().Length]);
        if (overload.StartsWith("SetBuiltins.IsSubset(", StringComparison.Ordinal))
        {
            // An absent collection counts as empty, and the empty set is a subset of every set.
            result.ShouldBe(true);
        }
        else
        {
            IsEmpty(result).ShouldBeTrue($"{overload} returned {result}");
        }
    }

    [Theory]
    [MemberData(nameof(Overloads))]
    public void Any_one_argument_absent_does_not_throw(string overload)
    {
        var method = Find(overload);
        var parameters = method.GetParameters();
        for (var absent = 0; absent < parameters.Length; absent++)
        {
            var arguments = parameters.Select((p, i) => i == absent ? null : Sample(p.ParameterType)).ToArray();
            Should.NotThrow(() => method.Invoke(null, arguments), $"{overload} with argument {absent} absent");
        }
    }

    [Theory]
    [MemberData(nameof(Overloads))]
    public void Ordinary_arguments_do_not_throw(string overload)
    {
        var method = Find(overload);
        var arguments = method.GetParameters().Select(p => Sample(p.ParameterType)).ToArray();
        Should.NotThrow(() => method.Invoke(null, arguments), overload);
    }

    private static MethodInfo Find(string overload) =>
        BuiltinReflection.Closed(BuiltinReflection.All.Single(b => BuiltinReflection.Describe(b.Method) == overload).Method);

    private static bool IsEmpty(object? result) => result switch
    {
        null => true,
        bool b => !b,
        long n => n == 0,
        double d => d == 0,
        string s => s.Length == 0,
        ResourceQuantity q => q.ToDecimal() == 0,
        IEnumerable e => !e.Cast<object?>().Any(),
        _ => false,
    };

    /// <summary>An ordinary present value of a built-in parameter type (type variables are bound to string).</summary>
    private static object? Sample(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return "a";
        }

        if (t == typeof(long))
        {
            return 1L;
        }

        if (t == typeof(double))
        {
            return 1.0;
        }

        if (t == typeof(bool))
        {
            return true;
        }

        if (t == typeof(TimeSpan))
        {
            return TimeSpan.FromSeconds(1);
        }

        if (t == typeof(DateTimeOffset))
        {
            return DateTimeOffset.UnixEpoch;
        }

        if (t == typeof(ResourceQuantity))
        {
            return new ResourceQuantity("1");
        }

        if (t == typeof(ImageReference))
        {
            return ImageReference.Parse("nginx");
        }

        if (t == typeof(V1LabelSelector))
        {
            return new V1LabelSelector
            {
                MatchLabels = new Dictionary<string, string> { ["app"] = "web" },
                MatchExpressions = [new V1LabelSelectorRequirement { Key = "tier", OperatorProperty = "In", Values = ["front"] }],
            };
        }

        if (t == typeof(EvaluationContext))
        {
            return new EvaluationContext(Inventory.Empty, DateTimeOffset.UnixEpoch);
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IList<>))
        {
            var list = (IList)(Activator.CreateInstance(typeof(List<>).MakeGenericType(t.GetGenericArguments()[0])) ?? throw new InvalidOperationException());
            list.Add(Sample(t.GetGenericArguments()[0]));
            list.Add(null);
            return list;
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ISet<>))
        {
            var set = Activator.CreateInstance(typeof(HashSet<>).MakeGenericType(t.GetGenericArguments()[0])) ?? throw new InvalidOperationException();
            set.GetType().GetMethod("Add")?.Invoke(set, [Sample(t.GetGenericArguments()[0])]);
            return set;
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IDictionary<,>))
        {
            var map = (IDictionary)(Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(t.GetGenericArguments())) ?? throw new InvalidOperationException());
            map.Add("a", Sample(t.GetGenericArguments()[1]));
            map.Add("b", null);
            return map;
        }

        throw new InvalidOperationException($"no sample for {type}");
    }
}
