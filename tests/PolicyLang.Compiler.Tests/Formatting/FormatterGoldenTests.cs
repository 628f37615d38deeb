// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting;

namespace PolicyLang.Compiler.Tests.Formatting;

/// <summary>Each case folder: <c>input.policy</c> formats to <c>expected.policy</c>, and <c>expected.policy</c> is a fixed point.</summary>
public sealed class FormatterGoldenTests
{
    public static TheoryData<string> Cases => FormattingCases.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Input_formats_to_the_expected_text(string name)
    {
        var input = FormattingCases.Parse(FormattingCases.Input(name));
        input.Diagnostics.Where(d => d.IsError).ShouldBeEmpty();
        var actual = PolicyFormatter.Format(input);
        if (FormattingCases.Regenerate)
        {
            FormattingCases.WriteExpected(name, actual);
            return;
        }

        var expected = FormattingCases.Expected(name);
        actual.ShouldBe(expected, $"{name}: the formatted input differs from expected.policy\n{TextDiff.Unified(expected, actual)}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expected_text_is_a_fixed_point(string name)
    {
        var expected = FormattingCases.Expected(name);
        var again = PolicyFormatter.Format(FormattingCases.Parse(expected));
        again.ShouldBe(expected, $"{name}: formatting expected.policy changes it\n{TextDiff.Unified(expected, again, "expected", "formatted again")}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expected_text_keeps_within_the_width_and_has_no_trailing_spaces(string name)
    {
        var lines = FormattingCases.Expected(name).Split('\n');
        lines.Where(l => l.EndsWith(' ') || l.EndsWith('\t')).ShouldBeEmpty($"{name}: lines with trailing spaces");
        lines.Where(l => l.Contains('\t')).ShouldBeEmpty($"{name}: tabs");
    }
}
