// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Builtins;
using R = PolicyLang.Runtime.Builtins.RegexBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class RegexBuiltinsTests
{
    [Fact]
    public void Matches_is_unanchored_and_case_sensitive()
    {
        R.Matches("nginx:1.25", "^nginx:[0-9.]+$").ShouldBeTrue();
        R.Matches("my-nginx:1.25", "nginx").ShouldBeTrue();
        R.Matches("my-nginx:1.25", "^nginx").ShouldBeFalse();
        R.Matches("NGINX", "nginx").ShouldBeFalse();
        R.Matches("NGINX", "(?i)nginx").ShouldBeTrue();
        R.Matches(null, "a").ShouldBeFalse();
        R.Matches("a", null).ShouldBeFalse();
    }

    [Fact]
    public void A_catastrophic_pattern_completes_on_a_long_input()
    {
        // (a+)+$ on "aaaa…!" takes exponential time on a backtracking engine; the linear-time engine finishes.
        var input = new string('a', 50_000) + "!";
        R.Matches(input, "(a+)+$").ShouldBeFalse();
        R.Matches(input, "^(a|aa)*$").ShouldBeFalse();
        R.Matches(input, "(a|a)*!").ShouldBeTrue();
        R.RegexFind(input, "(a*)*b").ShouldBeNull();
    }

    [Fact]
    public void RegexFind_returns_the_first_match()
    {
        R.RegexFind("app:v1.2.3", @"[0-9]+\.[0-9]+").ShouldBe("1.2");
        R.RegexFind("abc", "x").ShouldBeNull();
        R.RegexFind("abc", "").ShouldBe("");
        R.RegexFind(null, "a").ShouldBeNull();
        R.RegexFind("a", null).ShouldBeNull();
    }

    [Fact]
    public void RegexFindAll_returns_every_match_in_order()
    {
        R.RegexFindAll("a1b22c333", "[0-9]+").ShouldBe(["1", "22", "333"]);
        R.RegexFindAll("abc", "[0-9]+").ShouldBeEmpty();
        R.RegexFindAll(null, "a").ShouldBeNull();
        R.RegexFindAll("a", null).ShouldBeNull();
    }

    [Fact]
    public void RegexFindGroups_returns_the_match_and_its_groups()
    {
        R.RegexFindGroups("v1.27.3", @"^v([0-9]+)\.([0-9]+)").ShouldBe(["v1.27", "1", "27"]);
        R.RegexFindGroups("ab", "(a)(x)?(b)").ShouldBe(["ab", "a", "", "b"]);
        R.RegexFindGroups("key=value", "(?<k>[a-z]+)=(?<v>[a-z]+)").ShouldBe(["key=value", "key", "value"]);
        R.RegexFindGroups("abc", "x").ShouldBeNull();
        R.RegexFindGroups(null, "a").ShouldBeNull();
        R.RegexFindGroups("a", null).ShouldBeNull();
    }

    [Fact]
    public void RegexReplace_supports_group_references()
    {
        R.RegexReplace("a1b22", "[0-9]+", "#").ShouldBe("a#b#");
        R.RegexReplace("nginx:1.25", "^([^:]+):(.*)$", "$2@$1").ShouldBe("1.25@nginx");
        R.RegexReplace("k=v", "(?<k>\\w)=(?<v>\\w)", "${v}=${k}").ShouldBe("v=k");
        R.RegexReplace("a1", "[0-9]", "$$").ShouldBe("a$");
        R.RegexReplace("a1", "[0-9]", null).ShouldBe("a");
        R.RegexReplace(null, "a", "b").ShouldBeNull();
        R.RegexReplace("a", null, "b").ShouldBeNull();
    }

    [Fact]
    public void RegexSplit_splits_on_matches()
    {
        R.RegexSplit("a, b;c", "[,;] *").ShouldBe(["a", "b", "c"]);
        R.RegexSplit("abc", ",").ShouldBe(["abc"]);
        R.RegexSplit(null, ",").ShouldBeNull();
        R.RegexSplit("a", null).ShouldBeNull();
    }

    [Theory]
    [InlineData("(")]
    [InlineData("[a-")]
    [InlineData("a{2,1}")]
    [InlineData(@"(\w)\1")]
    [InlineData("(?=a)b")]
    [InlineData("(?<!a)b")]
    [InlineData("(?>a+)")]
    [InlineData("(a{100}){100}")]
    public void An_invalid_or_unsupported_pattern_is_rejected_at_compile_time_and_fails_at_run_time(string pattern)
    {
        var message = R.Validate(1, pattern);
        message.ShouldNotBeNull();
        message.ShouldContain(pattern.Length > 3 ? pattern[..3] : pattern);
        Should.Throw<ArgumentException>(() => R.Matches("a", pattern)).Message.ShouldStartWith(message);
        Should.Throw<ArgumentException>(() => R.RegexFind("a", pattern));
        Should.Throw<ArgumentException>(() => R.RegexFindAll("a", pattern));
        Should.Throw<ArgumentException>(() => R.RegexFindGroups("a", pattern));
        Should.Throw<ArgumentException>(() => R.RegexReplace("a", pattern, "b"));
        Should.Throw<ArgumentException>(() => R.RegexSplit("a", pattern));
    }

    [Fact]
    public void The_validator_accepts_good_patterns_and_ignores_other_arguments()
    {
        R.Validate(1, "^[a-z]+(-[a-z]+)*$").ShouldBeNull();
        R.Validate(0, "(").ShouldBeNull();
        R.Validate(2, "(").ShouldBeNull();
        R.Validate(1, null).ShouldBeNull();
    }

    [Fact]
    public void Unknown_or_unfinished_group_references_in_a_replacement_are_literal()
    {
        R.RegexReplace("a", "a", "${").ShouldBe("${");
        R.RegexReplace("a", "a", "$9").ShouldBe("$9");
        R.RegexReplace("a", "a", "${nope}").ShouldBe("${nope}");
    }

    [Fact]
    public void The_pattern_cache_is_bounded()
    {
        for (var i = 0; i < RegexBuiltins.CacheCapacity + 50; i++)
        {
            R.Matches("x", "^x" + i + "$").ShouldBeFalse();
        }

        // Other tests use the cache at the same time, so allow a few in-flight entries; unbounded it would hold them all.
        R.CachedCount.ShouldBeLessThan(RegexBuiltins.CacheCapacity + 50);
        R.CachedCount.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Patterns_are_safe_to_use_from_many_threads()
    {
        var results = new bool[2000];
        Parallel.For(0, results.Length, i => results[i] = R.Matches("item-" + (i % 37), "^item-" + (i % 37) + "$"));
        results.ShouldAllBe(r => r);
    }
}
