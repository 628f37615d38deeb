// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Pipeline;

namespace PolicyLang.Cli.Tests;

/// <summary>The progress line: nothing for small inputs, a rewritten line past the threshold, cleared at the end.</summary>
public sealed class ProgressLineTests
{
    [Fact]
    public void Small_inputs_show_no_progress()
    {
        var writer = new StringWriter();
        using (var progress = new ProgressLine(writer))
        {
            for (var i = 1; i < ProgressLine.Threshold; i++)
            {
                progress.Report(i);
            }
        }

        writer.ToString().ShouldBeEmpty();
    }

    [Fact]
    public void Large_inputs_show_a_line_that_is_rewritten_and_cleared()
    {
        var writer = new StringWriter();
        using (var progress = new ProgressLine(writer))
        {
            progress.Report(ProgressLine.Threshold);
        }

        var text = writer.ToString();
        text.ShouldStartWith($"\rpolicylang: {ProgressLine.Threshold} documents evaluated (");
        text.ShouldEndWith("\r");
        text.ShouldNotContain("\n");
        var cleared = text[text.LastIndexOf('\r', text.Length - 2)..];
        cleared.Trim('\r').ShouldBe(new string(' ', cleared.Length - 2), "the end clears the line with spaces");
    }
}
