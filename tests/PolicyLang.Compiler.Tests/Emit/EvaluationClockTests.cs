// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>
/// A reused evaluator reads the engine's clock when a rule first asks for <c>now()</c>, once per subject, and not at
/// all for subjects no such rule reaches: every rule of one subject still sees the same instant.
/// </summary>
public sealed class EvaluationClockTests
{
    private const string Source = """
        package clock

        @id("CLK-1") @severity(low)
        rule recent on event e when e.type == "open" and e.time > now() - duration("1h") and e.time > now() - duration("2h")
          alert "recent {e.proc.name}"

        @id("CLK-2") @severity(low)
        rule shell on event e when e.type == "execve" and e.proc.name == "sh" alert "shell"
        """;

    [Fact]
    public void The_clock_is_read_once_per_subject_that_needs_it_and_never_otherwise()
    {
        var reads = 0;
        var instant = DateTimeOffset.Parse("2026-12-07T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var compilation = Compilation.Create([new SourceText("clock.policy", Source)]);
        compilation.GetDiagnostics().ShouldBeEmpty();
        var set = CompiledPolicySet.Load(compilation.Emit().Image.ShouldNotBeNull(), new ParameterValues(new Dictionary<string, object?>()));
        var evaluator = new PolicyEngine(set, new EngineOptions { Clock = () => { reads++; return instant; } }).CreateEvaluator();

        for (var i = 0; i < 5; i++)
        {
            evaluator.EvaluateEvent(new RuntimeEvent { Type = "execve", Proc = new EventProcess { Name = "sh" } }).Count.ShouldBe(1);
        }

        reads.ShouldBe(0);
        evaluator.EvaluateEvent(new RuntimeEvent { Type = "open", Time = instant.AddMinutes(-30), Proc = new EventProcess { Name = "cat" } })
            .Select(f => f.Message).ShouldBe(["recent cat"]);
        reads.ShouldBe(1);
        evaluator.EvaluateEvent(new RuntimeEvent { Type = "open", Time = instant.AddMinutes(-90), Proc = new EventProcess { Name = "cat" } }).ShouldBeEmpty();
        reads.ShouldBe(2);
    }
}
