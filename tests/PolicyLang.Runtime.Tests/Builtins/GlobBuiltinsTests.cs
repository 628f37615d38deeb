// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using G = PolicyLang.Runtime.Builtins.GlobBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class GlobBuiltinsTests
{
    [Theory]
    [InlineData("a/b/c.yaml", "a/b/c.yaml", true)]
    [InlineData("a/b/c.yaml", "a/b/*.yaml", true)]
    [InlineData("a/b/c.yaml", "a/*.yaml", false)]
    [InlineData("a/b/c.yaml", "a/*/c.yaml", true)]
    [InlineData("a/b/c.yaml", "*", false)]
    [InlineData("abc", "*", true)]
    [InlineData("", "*", true)]
    [InlineData("a/b/c.yaml", "**", true)]
    [InlineData("a/b/c.yaml", "**/*.yaml", true)]
    [InlineData("c.yaml", "**/*.yaml", true)]
    [InlineData("a/b/c.yaml", "a/**/c.yaml", true)]
    [InlineData("a/c.yaml", "a/**/c.yaml", true)]
    [InlineData("ac.yaml", "a/**/c.yaml", false)]
    [InlineData("a/x/y/z/c.yaml", "a/**/c.yaml", true)]
    [InlineData("a", "a/**", true)]
    [InlineData("a/", "a/**", true)]
    [InlineData("a/b/c", "a/**", true)]
    [InlineData("ab", "a/**", false)]
    [InlineData("a/b/c", "a**c", true)]
    [InlineData("abc", "a?c", true)]
    [InlineData("a/c", "a?c", false)]
    [InlineData("ac", "a?c", false)]
    [InlineData("a👍c", "a?c", true)]
    [InlineData("abc", "a[bx]c", true)]
    [InlineData("ayc", "a[bx]c", false)]
    [InlineData("a5c", "a[0-9]c", true)]
    [InlineData("ayc", "a[!bx]c", true)]
    [InlineData("abc", "a[!bx]c", false)]
    [InlineData("abc", "a[^bx]c", false)]
    [InlineData("a/c", "a[!bx]c", false)]
    [InlineData("a]c", "a[]]c", true)]
    [InlineData("a-c", "a[a-]c", true)]
    [InlineData("app.yml", "*.{yaml,yml}", true)]
    [InlineData("app.yaml", "*.{yaml,yml}", true)]
    [InlineData("app.json", "*.{yaml,yml}", false)]
    [InlineData("x.tar.gz", "*.{tar.{gz,xz},zip}", true)]
    [InlineData("x.tar.xz", "*.{tar.{gz,xz},zip}", true)]
    [InlineData("x.tar", "*.{tar.{gz,xz},zip}", false)]
    [InlineData("a/b/c", "{a/**,x}", true)]
    [InlineData("a,b", "a,b", true)]
    [InlineData("a}", "a}", true)]
    [InlineData("a*b", @"a\*b", true)]
    [InlineData("axb", @"a\*b", false)]
    [InlineData("a.b", "a.b", true)]
    [InlineData("axb", "a.b", false)]
    [InlineData("a+b(c)", "a+b(c)", true)]
    [InlineData("a$^|b", "a$^|b", true)]
    [InlineData("ABC", "abc", false)]
    [InlineData("docker.io/library/nginx", "docker.io/library/*", true)]
    [InlineData("docker.io/library/nginx/x", "docker.io/library/*", false)]
    public void Glob_matches_path_patterns(string s, string pattern, bool expected)
    {
        G.Validate(1, pattern).ShouldBeNull();
        G.Glob(s, pattern).ShouldBe(expected);
    }

    [Fact]
    public void The_separator_can_be_chosen()
    {
        G.Glob("api.example.com", "*.example.com", ".").ShouldBeTrue();
        G.Glob("api.prod.example.com", "*.example.com", ".").ShouldBeFalse();
        G.Glob("api.prod.example.com", "**.example.com", ".").ShouldBeTrue();
        G.Glob("a/b/c", "a*c", "").ShouldBeTrue();
        G.Glob("a/b/c", "a?b?c", "").ShouldBeTrue();
        G.Glob("a/b/c", "a*c", null).ShouldBeFalse();
        G.Glob("a\\b", "a?b", "\\").ShouldBeFalse();
        G.Glob("a]b", "a?b", "]").ShouldBeFalse();
        G.Glob("a]b", "a[!x]b", "]").ShouldBeFalse();
    }

    [Fact]
    public void Absent_arguments_give_false()
    {
        G.Glob(null, "*").ShouldBeFalse();
        G.Glob("a", null).ShouldBeFalse();
        G.Glob(null, "*", "/").ShouldBeFalse();
    }

    [Theory]
    [InlineData("a[bc")]
    [InlineData("a[]")]
    [InlineData("{a,b")]
    [InlineData("a{b{c}")]
    [InlineData("a\\")]
    [InlineData("[z-a]")]
    public void An_invalid_glob_is_rejected_at_compile_time_and_fails_at_run_time(string pattern)
    {
        var message = G.Validate(1, pattern);
        message.ShouldNotBeNull();
        message.ShouldContain(pattern);
        Should.Throw<ArgumentException>(() => G.Glob("abc", pattern)).Message.ShouldStartWith(message);
    }

    [Fact]
    public void A_separator_of_more_than_one_character_is_an_error()
    {
        G.Validate(2, "::").ShouldNotBeNull();
        G.Validate(2, ":").ShouldBeNull();
        G.Validate(2, "").ShouldBeNull();
        Should.Throw<ArgumentException>(() => G.Glob("a", "a", "::"));
    }

    [Fact]
    public void Matching_is_linear_for_patterns_that_backtrack_elsewhere()
    {
        var input = new string('a', 50_000);
        G.Glob(input, "*a*a*a*a*a*a*a*a*b").ShouldBeFalse();
        G.Glob(input, "**a**a**a**a**a**b").ShouldBeFalse();
        G.Glob(input + "b", "*a*a*a*a*a*a*a*a*b").ShouldBeTrue();
    }
}
