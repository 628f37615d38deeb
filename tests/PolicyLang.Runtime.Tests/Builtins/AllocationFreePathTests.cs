// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s.Models;
using PolicyLang.Runtime.Builtins;
using PolicyLang.Runtime.Values;

namespace PolicyLang.Runtime.Tests.Builtins;

/// <summary>
/// The allocation-free paths of the hot built-ins and helpers give the same values as the plain ones: the fused
/// <c>int(substring(…))</c>, the cached <c>fields</c> lists, list membership by scan or by hash set, and map and set
/// loops with or without the struct enumerators.
/// </summary>
public sealed class AllocationFreePathTests
{
    public static TheoryData<string?, long?, long?> SubstringCases() => new()
    {
        { "v1.31", 3, null }, { "v1.31", 0, null }, { "v1.31", -5, 2 }, { "v1.31", 3, 99 }, { "v1.31", 4, 2 },
        { "v1.31", 5, null }, { "x-42", 1, null }, { "x+42", 1, null }, { "x 42", 1, null }, { "", 0, null },
        { null, 0, null }, { "v1.31", null, null }, { "👍12", 1, null }, { "a👍-7", 2, 4 }, { "99999999999999999999", 0, null },
    };

    [Theory]
    [MemberData(nameof(SubstringCases))]
    public void Int_of_substring_is_int_of_the_substring(string? s, long? start, long? end)
    {
        var expected = end is null ? StringBuiltins.ToInt(StringBuiltins.Substring(s, start)) : StringBuiltins.ToInt(StringBuiltins.Substring(s, start, end));
        (end is null ? Ops.IntOfSubstring(s, start) : Ops.IntOfSubstring(s, start, end)).ShouldBe(expected);
    }

    [Fact]
    public void Fields_of_typed_objects_are_the_set_fields_in_schema_order_and_shared_per_combination()
    {
        var a = new V1Volume { Name = "a", HostPath = new V1HostPathVolumeSource { Path = "/" } };
        var b = new V1Volume { Name = "b", HostPath = new V1HostPathVolumeSource { Path = "/tmp" } };
        var c = new V1Volume { Name = "c", Secret = new V1SecretVolumeSource() };
        ObjectBuiltins.Fields(a).ShouldBe(["hostPath", "name"]);
        ObjectBuiltins.Fields(c).ShouldBe(["name", "secret"]);
        ObjectBuiltins.Fields(b).ShouldBeSameAs(ObjectBuiltins.Fields(a));
        ObjectBuiltins.Fields(new V1Volume()).ShouldBeEmpty();
        ObjectBuiltins.Fields(new V1SecurityContext { Privileged = false }).ShouldBe(["privileged"]);
    }

    [Fact]
    public void List_membership_is_the_same_below_and_above_the_scan_limit()
    {
        var many = Enumerable.Range(0, 100).Select(i => $"x{i}").ToList();
        SetBuiltins.Intersects<string?>(["a", "x99"], [.. many]).ShouldBeTrue();
        SetBuiltins.Intersects<string?>(["a", "b"], [.. many]).ShouldBeFalse();
        SetBuiltins.IsSubset<string?>(["x1", "x98"], [.. many]).ShouldBeTrue();
        SetBuiltins.IsSubset<string?>(["x1", "y"], [.. many]).ShouldBeFalse();
        SetBuiltins.Intersects<string?>(["a", null], ["b", null]).ShouldBeTrue();
        SetBuiltins.IsSubset<string?>(null, ["a"]).ShouldBeTrue();
        SetBuiltins.IsSubset<string?>(["a"], null).ShouldBeFalse();
        SetBuiltins.Intersects<string?>(["a"], null).ShouldBeFalse();
    }

    [Fact]
    public void Map_and_set_loops_visit_every_entry_whatever_the_collection_type()
    {
        IDictionary<string, string> dictionary = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" };
        IDictionary<string, string> sorted = new SortedDictionary<string, string> { ["b"] = "2", ["a"] = "1" };
        foreach (var map in new[] { dictionary, sorted })
        {
            var seen = new List<string>();
            foreach (var entry in Ops.Entries(map))
            {
                seen.Add(entry.Key + "=" + entry.Value);
            }

            seen.ShouldBe(["a=1", "b=2"], ignoreOrder: true);
        }

        ISet<string> hashed = new HashSet<string> { "x", "y" };
        ISet<string> ordered = new SortedSet<string> { "y", "x" };
        foreach (var set in new[] { hashed, ordered })
        {
            var seen = new List<string>();
            foreach (var item in Ops.Items(set))
            {
                seen.Add(item);
            }

            seen.ShouldBe(["x", "y"], ignoreOrder: true);
        }
    }
}
