// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Runtime.Tests.Evaluation;

/// <summary>
/// <see cref="Finding"/> writes its equality by hand (the location may still be pending), so a property added later
/// would silently be left out of it. Every public settable property must make two findings unequal.
/// </summary>
public sealed class FindingEqualityTests
{
    private static readonly Finding Sample = new()
    {
        Policy = "p",
        Rule = "r",
        Id = "ID-1",
        Severity = Severity.High,
        Action = FindingAction.Deny,
        Message = "m",
        Path = "/spec",
        Location = new SourceLocation("f.yaml", 3, 5),
        SkippedReason = null,
        Patch = null,
    };

    public static TheoryData<string> Properties() => [.. Settable().Select(p => p.Name)];

    private static PropertyInfo[] Settable() =>
        [.. typeof(Finding).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true })];

    [Theory]
    [MemberData(nameof(Properties))]
    public void Findings_that_differ_in_one_property_are_not_equal(string name)
    {
        var property = typeof(Finding).GetProperty(name).ShouldNotBeNull();
        var changed = Sample with { };
        property.SetValue(changed, OtherValue(property.PropertyType, property.GetValue(Sample)));

        changed.Equals(Sample).ShouldBeFalse(name);
        Sample.Equals(changed).ShouldBeFalse(name);
    }

    [Fact]
    public void Copies_are_equal_with_equal_hash_codes()
    {
        var copy = Sample with { };

        copy.ShouldBe(Sample);
        copy.GetHashCode().ShouldBe(Sample.GetHashCode());
    }

    [Fact]
    public void Every_settable_property_is_covered()
    {
        // A new property type needs a case in OtherValue; this fails first, naming it.
        Settable().Length.ShouldBeGreaterThanOrEqualTo(10);
        foreach (var property in Settable())
        {
            Should.NotThrow(() => OtherValue(property.PropertyType, property.GetValue(Sample)), property.Name);
        }
    }

    private static object? OtherValue(Type type, object? current) => type switch
    {
        _ when type == typeof(string) => (current as string) + "-other",
        _ when type == typeof(Severity) => current is Severity.Low ? Severity.High : Severity.Low,
        _ when type == typeof(FindingAction) => current is FindingAction.Warn ? FindingAction.Deny : FindingAction.Warn,
        _ when type == typeof(SourceLocation) => new SourceLocation("other.yaml", 9, 1),
        _ when type == typeof(IReadOnlyList<PatchOperation>) => new[] { new PatchOperation("add", "/x", 1) },
        _ => throw new InvalidOperationException($"no other value for a property of type {type}"),
    };
}
