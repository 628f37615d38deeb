// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using K = PolicyLang.Runtime.Builtins.KubernetesBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class KubernetesBuiltinsTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["app"] = "web", ["tier"] = "frontend", ["env"] = "dev" };

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app=api", false)]
    [InlineData("app!=api", true)]
    [InlineData("app=web,env!=prod", true)]
    [InlineData("app=web,env=prod", false)]
    [InlineData("tier in (frontend, backend)", true)]
    [InlineData("tier notin (frontend)", false)]
    [InlineData("canary", false)]
    [InlineData("!canary", true)]
    [InlineData("app", true)]
    [InlineData("", true)]
    public void Selector_strings_match_labels(string selector, bool expected)
    {
        K.Validate(0, selector).ShouldBeNull();
        K.SelectorMatches(selector, Labels).ShouldBe(expected);
    }

    [Fact]
    public void Absent_labels_are_no_labels()
    {
        K.SelectorMatches("!canary", null).ShouldBeTrue();
        K.SelectorMatches("app=web", null).ShouldBeFalse();
        K.SelectorMatches("", null).ShouldBeTrue();
    }

    [Fact]
    public void A_malformed_or_absent_selector_matches_nothing_and_a_constant_one_is_an_error()
    {
        K.SelectorMatches("app in web", Labels).ShouldBeFalse();
        K.SelectorMatches("app=web,", Labels).ShouldBeFalse();
        K.SelectorMatches((string?)null, Labels).ShouldBeFalse();
        K.Validate(0, "app in web").ShouldNotBeNull().ShouldContain("app in web");
        K.Validate(0, "app=web,").ShouldNotBeNull();
        K.Validate(1, "app in web").ShouldBeNull();
    }

    [Fact]
    public void MatchLabels_require_every_pair()
    {
        K.SelectorMatches(new Dictionary<string, string> { ["app"] = "web" }, Labels).ShouldBeTrue();
        K.SelectorMatches(new Dictionary<string, string> { ["app"] = "web", ["env"] = "dev" }, Labels).ShouldBeTrue();
        K.SelectorMatches(new Dictionary<string, string> { ["app"] = "web", ["env"] = "prod" }, Labels).ShouldBeFalse();
        K.SelectorMatches(new Dictionary<string, string> { ["app"] = "WEB" }, Labels).ShouldBeFalse();
        K.SelectorMatches(new Dictionary<string, string>(), Labels).ShouldBeTrue();
        K.SelectorMatches(new Dictionary<string, string>(), null).ShouldBeTrue();
        K.SelectorMatches(new Dictionary<string, string> { ["app"] = "web" }, null).ShouldBeFalse();
        K.SelectorMatches((IDictionary<string, string>?)null, Labels).ShouldBeFalse();
    }

    [Fact]
    public void HasLabel_and_label()
    {
        K.HasLabel(Labels, "app").ShouldBeTrue();
        K.HasLabel(Labels, "App").ShouldBeFalse();
        K.HasLabel(Labels, null).ShouldBeFalse();
        K.HasLabel(null, "app").ShouldBeFalse();
        K.Label(Labels, "app").ShouldBe("web");
        K.Label(Labels, "missing").ShouldBeNull();
        K.Label(null, "app").ShouldBeNull();
        K.Label(Labels, null).ShouldBeNull();
    }
}
