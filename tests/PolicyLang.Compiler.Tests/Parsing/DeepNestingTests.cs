// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Parsing;

/// <summary>
/// Policy expressions nested 10,000 levels deep, in every form that nests, are refused with PL0011 at once (no stack
/// overflow, no superlinear parse); nesting just under the limits compiles all the way to C#.
/// </summary>
public sealed class DeepNestingTests
{
    /// <summary>Each form as a function of its depth; every one is well typed, so only the nesting can be wrong.</summary>
    private static readonly Dictionary<string, Func<int, string>> Forms = new(StringComparer.Ordinal)
    {
        ["parentheses"] = n => Repeat("(", n) + "1" + Repeat(")", n),
        ["list literals"] = n => Repeat("[", n) + "1" + Repeat("]", n),
        ["map literals"] = n => Repeat("{\"k\": ", n) + "1" + Repeat("}", n),
        ["calls"] = n => Repeat("lower(", n) + "\"a\"" + Repeat(")", n),
        ["string interpolations"] = n => Repeat("\"{", n) + "1" + Repeat("}\"", n),
        ["not"] = n => Repeat("not ", n) + "true",
        ["negation"] = n => Repeat("- ", n) + "1",
        ["addition"] = n => "1" + Repeat(" + 1", n),
        ["and"] = n => "true" + Repeat(" and true", n),
        ["default"] = n => "w.spec.priority" + Repeat(" ?? 1", n),
        ["member access"] = n => "w.object" + Repeat(".spec", n),
        ["method calls"] = n => "\"a\"" + Repeat(".lower()", n),
        ["conditionals"] = n => Repeat("if true then 1 else ", n) + "2",
    };

    public static TheoryData<string> FormNames() => [.. Forms.Keys];

    [Theory]
    [MemberData(nameof(FormNames))]
    public void Ten_thousand_levels_are_reported_not_crashed(string form)
    {
        var compilation = Compile(Forms[form](10_000));
        var errors = compilation.GetDiagnostics().Where(d => d.IsError).ToArray();
        errors.ShouldContain(d => d.Code == DiagnosticCatalog.NestingTooDeepDescriptor.Code);
        errors.Count(d => d.Code == DiagnosticCatalog.NestingTooDeepDescriptor.Code).ShouldBe(1, "one message for one mistake");
        compilation.Emit().Success.ShouldBeFalse();
    }

    [Theory]
    [InlineData("parentheses", 150)]
    [InlineData("string interpolations", 150)]
    [InlineData("not", 350)]
    [InlineData("addition", 350)]
    [InlineData("member access", 350)]
    [InlineData("conditionals", 350)]
    public void Nesting_under_the_limit_compiles_to_csharp(string form, int depth)
    {
        var compilation = Compile(Forms[form](depth));
        compilation.GetDiagnostics().Where(d => d.IsError).ShouldBeEmpty();
        var emitted = compilation.Emit();
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
    }

    [Fact]
    public void Deep_nesting_inside_a_string_is_placed_where_it_goes_too_deep()
    {
        var expression = Repeat("\"{", 300) + "1" + Repeat("}\"", 300);
        var source = new SourceText("deep.policy", Policy(expression));
        var diagnostic = Compilation.Create([source]).GetDiagnostics().Single(d => d.IsError);
        diagnostic.Code.ShouldBe("PL0011");
        source.Text[diagnostic.Span.Start].ShouldBe('{');
        source.GetLinePosition(diagnostic.Span.Start).Line.ShouldBe(4, "the deny line");
    }

    private static Compilation Compile(string expression) => Compilation.Create([new SourceText("deep.policy", Policy(expression))]);

    private static string Policy(string expression) => $"package deep\n\n@severity(low)\nrule r on workload w {{\n  deny \"x\" when ({expression}) != null\n}}\n";

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));
}
