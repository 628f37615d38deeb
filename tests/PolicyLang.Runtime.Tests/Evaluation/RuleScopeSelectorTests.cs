// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Scopes;

namespace PolicyLang.Runtime.Tests.Evaluation;

/// <summary>
/// A scope parses its label selectors once, when first matched: the answers must be those of parsing the selector
/// for each match, for copies made with <c>with</c> too, a malformed selector must fail on every match, and parsing
/// must not change how scopes compare.
/// </summary>
public sealed class RuleScopeSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "front" };
    private static readonly Dictionary<string, string> Db = new() { ["app"] = "db" };

    public static TheoryData<string?, string?> Selectors() => new()
    {
        { "app=web", null },
        { null, "app=web" },
        { "app in (web,db)", "tier" },
        { "!legacy", "tier notin (front)" },
        { "app!=db,tier=front", null },
    };

    [Theory]
    [MemberData(nameof(Selectors))]
    public void Matches_as_parsing_the_selector_each_time_does(string? include, string? exclude)
    {
        var scope = new RuleScope { Labels = include, ExcludeLabels = exclude };
        foreach (var labels in new IDictionary<string, string>?[] { Web, Db, null, Web, Db, null })
        {
            var expected = (include is null || LabelSelector.Parse(include).Matches(labels))
                && (exclude is null || !LabelSelector.Parse(exclude).Matches(labels));
            scope.Matches("Pod", "prod", "p", labels, null).ShouldBe(expected);
        }
    }

    [Fact]
    public void A_copy_with_another_selector_matches_by_its_own()
    {
        var web = new RuleScope { Labels = "app=web" };
        web.Matches("Pod", null, "p", Web, null).ShouldBeTrue();
        var db = web with { Labels = "app=db" };
        db.Matches("Pod", null, "p", Web, null).ShouldBeFalse();
        db.Matches("Pod", null, "p", Db, null).ShouldBeTrue();
        web.Matches("Pod", null, "p", Web, null).ShouldBeTrue();
        var narrowed = web.Narrow(new RuleScope { Labels = "tier=front" });
        narrowed.Matches("Pod", null, "p", Web, null).ShouldBeTrue();
        narrowed.Matches("Pod", null, "p", new Dictionary<string, string> { ["app"] = "web" }, null).ShouldBeFalse();
    }

    [Fact]
    public void A_malformed_selector_fails_on_every_match()
    {
        var scope = new RuleScope { ExcludeLabels = "app in (web" };
        for (var i = 0; i < 3; i++)
        {
            Should.Throw<FormatException>(() => scope.Matches("Pod", null, "p", Web, null));
        }
    }

    [Fact]
    public void Parsing_does_not_change_equality()
    {
        var matched = new RuleScope { Labels = "app=web", ExcludeLabels = "tier" };
        var fresh = new RuleScope { Labels = "app=web", ExcludeLabels = "tier" };
        matched.Matches("Pod", null, "p", Db, null).ShouldBeFalse();
        matched.ShouldBe(fresh);
        matched.GetHashCode().ShouldBe(fresh.GetHashCode());
        matched.ShouldNotBe(fresh with { Labels = "app=db" });
    }
}
