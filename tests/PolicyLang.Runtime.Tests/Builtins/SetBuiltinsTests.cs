// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using S = PolicyLang.Runtime.Builtins.SetBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class SetBuiltinsTests
{
    private static HashSet<string> Set(params string[] items) => new(items, StringComparer.Ordinal);

    [Fact]
    public void Set_operations_on_sets()
    {
        S.Union(Set("a", "b"), Set("b", "c")).ShouldBe(Set("a", "b", "c"), ignoreOrder: true);
        S.Intersection(Set("a", "b"), Set("b", "c")).ShouldBe(Set("b"), ignoreOrder: true);
        S.Difference(Set("a", "b"), Set("b", "c")).ShouldBe(Set("a"), ignoreOrder: true);
        S.IsSubset(Set("a"), Set("a", "b")).ShouldBeTrue();
        S.IsSubset(Set("a", "z"), Set("a", "b")).ShouldBeFalse();
        S.Intersects(Set("a", "b"), Set("b", "c")).ShouldBeTrue();
        S.Intersects(Set("a"), Set("b")).ShouldBeFalse();
    }

    [Fact]
    public void Set_operations_on_lists_keep_first_seen_order_without_duplicates()
    {
        S.Union<string?>(["b", "a", "b"], ["c", "a"]).ShouldBe(["b", "a", "c"]);
        S.Intersection<string?>(["NET_RAW", "CHOWN", "NET_RAW"], ["NET_RAW", "SYS_ADMIN"]).ShouldBe(["NET_RAW"]);
        S.Difference<string?>(["NET_RAW", "CHOWN", "NET_RAW"], ["CHOWN"]).ShouldBe(["NET_RAW"]);
        S.IsSubset<string?>(["NET_BIND_SERVICE"], ["NET_BIND_SERVICE", "CHOWN"]).ShouldBeTrue();
        S.IsSubset<string?>(["NET_BIND_SERVICE", "SYS_ADMIN"], ["NET_BIND_SERVICE"]).ShouldBeFalse();
        S.Intersects<string?>(["SYS_ADMIN"], ["NET_ADMIN", "SYS_ADMIN"]).ShouldBeTrue();
        S.Intersects<string?>(["CHOWN"], ["NET_ADMIN", "SYS_ADMIN"]).ShouldBeFalse();
        S.Union<long?>([1, 2], [2, 3]).ShouldBe([1L, 2L, 3L]);
    }

    [Fact]
    public void Elements_compare_ordinally()
    {
        S.Intersection<string?>(["a"], ["A"]).ShouldBeEmpty();
        S.IsSubset<string?>(["NET_ADMIN"], ["net_admin"]).ShouldBeFalse();
    }

    [Fact]
    public void Absent_collections_count_as_empty()
    {
        S.Union(null, Set("a")).ShouldBe(Set("a"), ignoreOrder: true);
        S.Union<string>((ISet<string>?)null, null).ShouldBeEmpty();
        S.Union<string?>(null, ["a"]).ShouldBe(["a"]);
        S.Intersection(Set("a"), null).ShouldBeEmpty();
        S.Intersection<string?>(["a"], null).ShouldBeEmpty();
        S.Difference(Set("a"), null).ShouldBe(Set("a"), ignoreOrder: true);
        S.Difference<string?>(["a"], null).ShouldBe(["a"]);
        S.Difference<string?>(null, ["a"]).ShouldBeEmpty();
        S.IsSubset<string?>(null, ["NET_BIND_SERVICE"]).ShouldBeTrue();
        S.IsSubset(null, Set("a")).ShouldBeTrue();
        S.IsSubset<string?>(["a"], null).ShouldBeFalse();
        S.IsSubset(Set("a"), null).ShouldBeFalse();
        S.Intersects(Set("a"), null).ShouldBeFalse();
        S.Intersects<string?>(null, ["a"]).ShouldBeFalse();
    }

    [Fact]
    public void ToSet_and_toList_convert()
    {
        S.ToSet<string?>(["a", "a", "b"]).Count.ShouldBe(2);
        S.ToSet<string?>(["a", "b"]).ShouldContain("b");
        S.ToSet<string>(null).ShouldBeEmpty();
        S.ToList(Set("a", "b")).ShouldBe(["a", "b"], ignoreOrder: true);
        S.ToList<string>(null).ShouldBeEmpty();
    }

    [Fact]
    public void Inputs_are_not_changed()
    {
        var a = Set("a", "b");
        var b = Set("b");
        S.Union(a, b);
        S.Difference(a, b);
        S.Intersection(a, b);
        a.ShouldBe(Set("a", "b"), ignoreOrder: true);
        b.ShouldBe(Set("b"), ignoreOrder: true);
    }
}
