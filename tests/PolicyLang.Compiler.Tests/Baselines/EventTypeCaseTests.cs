// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Baselines;

/// <summary>
/// Every <c>Cases/EventTypes/*.policy</c> file is compiled and the event types proven for each rule
/// (<see cref="EventTypeGuard"/>) are compared with the <c>.eventtypes</c> file beside it: one line per rule,
/// <c>name: type, type</c>, <c>name: every type</c> when nothing is proven, <c>name: none</c> when the rule can never apply.
/// </summary>
[Trait("Category", "Baseline")]
public sealed class EventTypeCaseTests
{
    public static TheoryData<string> Cases() => BaselineAssert.CaseNames("EventTypes");

    [Theory]
    [MemberData(nameof(Cases))]
    public void Proven_event_types_match_the_baseline(string name)
    {
        var path = Path.Combine(BaselineAssert.SourceDirectory, "Cases", "EventTypes", name + ".policy");
        var compilation = Compilation.Create([new SourceText(name + ".policy", File.ReadAllText(path))]);
        compilation.GetDiagnostics().Where(d => d.IsError).ShouldBeEmpty();
        var program = compilation.GetSemanticModel().Program;
        var functions = EventTypeGuard.FunctionsOf(program);
        var text = new StringBuilder();
        foreach (var rule in program.Packages.SelectMany(p => p.Rules))
        {
            var types = EventTypeGuard.TypesOf(rule, functions);
            text.Append(rule.Symbol.Name).Append(": ").Append(types switch
            {
                null => "every type",
                [] => "none",
                _ => string.Join(", ", types),
            }).Append('\n');
        }

        BaselineAssert.Matches(Path.Combine("Cases", "EventTypes", name + ".eventtypes"), text.ToString());
    }
}
