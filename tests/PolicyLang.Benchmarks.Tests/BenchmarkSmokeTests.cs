// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace PolicyLang.Benchmarks.Tests;

/// <summary>
/// The benchmarks' smoke mode, run by CI: every benchmark of every suite, for every parameter combination, runs its
/// setup on a small corpus — which fails unless the compiled policies and the hand-written baseline find exactly the
/// same findings — and then its body twice. Nothing is timed here; timing is the full run's job
/// (docs/performance.md).
/// </summary>
public sealed class BenchmarkSmokeTests
{
    /// <summary>The corpus size of the smoke runs: big enough to hold every kind of violation the generator makes.</summary>
    private const int SmokeCount = 400;

    public static TheoryData<string> Suites()
    {
        var data = new TheoryData<string>();
        foreach (var type in SuiteTypes())
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Fact]
    public void The_assembly_has_suites()
    {
        SuiteTypes().Length.ShouldBeGreaterThanOrEqualTo(2);
    }

    [Theory]
    [MemberData(nameof(Suites))]
    public void Every_benchmark_runs_and_agrees_with_the_hand_written_baseline(string suite)
    {
        var type = SuiteTypes().Single(t => t.Name == suite);
        var benchmarks = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToArray();
        benchmarks.ShouldNotBeEmpty();
        foreach (var combination in ParameterCombinations(type))
        {
            var instance = Activator.CreateInstance(type) ?? throw new InvalidOperationException(type.Name);
            foreach (var (property, value) in combination)
            {
                property.SetValue(instance, value);
            }

            Invoke<GlobalSetupAttribute>(type, instance);
            try
            {
                foreach (var benchmark in benchmarks)
                {
                    for (var i = 0; i < 2; i++)
                    {
                        benchmark.Invoke(instance, null);
                    }
                }
            }
            finally
            {
                Invoke<GlobalCleanupAttribute>(type, instance);
            }
        }
    }

    private static Type[] SuiteTypes() =>
        [.. typeof(Program).Assembly.GetTypes().Where(t => t.IsPublic && !t.IsAbstract && t.GetMethods().Any(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)).OrderBy(t => t.Name, StringComparer.Ordinal)];

    /// <summary>Every combination of the suite's [Params] values, with corpus sizes cut down to the smoke size.</summary>
    private static List<List<(PropertyInfo Property, object? Value)>> ParameterCombinations(Type type)
    {
        var combinations = new List<List<(PropertyInfo, object?)>> { new() };
        foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<ParamsAttribute>() is not null))
        {
            var values = property.GetCustomAttribute<ParamsAttribute>()?.Values ?? [];
            if (property.Name == "Count")
            {
                values = [values.Cast<int>().Select(v => Math.Min(v, SmokeCount)).Max()];
            }

            combinations = [.. combinations.SelectMany(c => values.Select(v => new List<(PropertyInfo, object?)>(c) { (property, v) }))];
        }

        return combinations;
    }

    private static void Invoke<TAttribute>(Type type, object instance)
        where TAttribute : Attribute
    {
        foreach (var method in type.GetMethods().Where(m => m.GetCustomAttribute<TAttribute>() is not null))
        {
            try
            {
                method.Invoke(instance, null);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            }
        }
    }
}
