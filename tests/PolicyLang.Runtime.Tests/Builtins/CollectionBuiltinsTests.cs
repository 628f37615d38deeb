// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using C = PolicyLang.Runtime.Builtins.CollectionBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class CollectionBuiltinsTests
{
    [Fact]
    public void Len_counts_elements_and_entries_and_is_zero_for_absent()
    {
        C.Len<string?>(["a", null]).ShouldBe(2);
        C.Len<string>(new HashSet<string> { "a", "b" }).ShouldBe(2);
        C.Len(new Dictionary<string, string> { ["a"] = "1" }).ShouldBe(1);
        C.Len<string>((IList<string>?)null).ShouldBe(0);
        C.Len<string>((ISet<string>?)null).ShouldBe(0);
        C.Len<string>((IDictionary<string, string>?)null).ShouldBe(0);
    }

    [Fact]
    public void Keys_and_values_keep_the_map_order()
    {
        var map = new Dictionary<string, long?> { ["b"] = 1, ["a"] = 2 };
        C.Keys(map).ShouldBe(["b", "a"]);
        C.Values(map).ShouldBe([1L, 2L]);
        C.Keys<string>(null).ShouldBeEmpty();
        C.Values<string>(null).ShouldBeEmpty();
    }

    [Fact]
    public void HasKey_and_lookup()
    {
        var labels = new Dictionary<string, string?> { ["app"] = "web", ["empty"] = null };
        C.HasKey(labels, "app").ShouldBeTrue();
        C.HasKey(labels, "empty").ShouldBeTrue();
        C.HasKey(labels, "tier").ShouldBeFalse();
        C.HasKey(labels, null).ShouldBeFalse();
        C.HasKey<string>(null, "app").ShouldBeFalse();
        C.Lookup(labels, "app", "none").ShouldBe("web");
        C.Lookup(labels, "tier", "none").ShouldBe("none");
        C.Lookup(labels, "empty", "none").ShouldBe("none");
        C.Lookup(labels, null, "none").ShouldBe("none");
        C.Lookup(null, "app", "none").ShouldBe("none");
        C.Lookup(new Dictionary<string, long?> { ["replicas"] = 3 }, "replicas", 1).ShouldBe(3);
    }

    [Fact]
    public void Sort_is_ordinal_for_strings_and_numeric_for_numbers_with_absent_first()
    {
        C.Sort(["b", "a", "C", null]).ShouldBe([null, "C", "a", "b"]);
        C.Sort([3L, null, 1L, 2L]).ShouldBe([null, 1L, 2L, 3L]);
        C.Sort([0.5, -1.0, null, 0.25]).ShouldBe([null, -1.0, 0.25, 0.5]);
        C.Sort((IList<string?>?)null).ShouldBeEmpty();
        C.Sort((IList<long?>?)null).ShouldBeEmpty();
        C.Sort((IList<double?>?)null).ShouldBeEmpty();
    }

    [Fact]
    public void Unique_flatten_and_reverse_make_new_lists()
    {
        IList<string?> list = ["a", "b", "a", null, null];
        C.Unique(list).ShouldBe(["a", "b", null]);
        C.Reverse(list).ShouldBe([null, null, "a", "b", "a"]);
        list.ShouldBe(["a", "b", "a", null, null]);
        C.Flatten<string?>([["a"], null, ["b", "c"], []]).ShouldBe(["a", "b", "c"]);
        C.Unique<string>(null).ShouldBeEmpty();
        C.Reverse<string>(null).ShouldBeEmpty();
        C.Flatten<string>(null).ShouldBeEmpty();
    }

    [Fact]
    public void First_and_last_are_absent_for_empty_lists()
    {
        C.First<string?>(["a", "b"]).ShouldBe("a");
        C.Last<string?>(["a", "b"]).ShouldBe("b");
        C.First<string?>([]).ShouldBeNull();
        C.Last<long?>([]).ShouldBeNull();
        C.First<string>(null).ShouldBeNull();
        C.Last<string>(null).ShouldBeNull();
    }
}
