// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Cli.Output;

/// <summary>A rule's title for reports: its <c>@title</c>, else the first sentence of its doc comment, else its name in words.</summary>
internal static class RuleTitles
{
    public static string Of(RuleDescriptor rule) => OneLine(rule.Title) ?? FirstSentence(OneLine(rule.Description)) ?? Humanize(rule.Name);

    /// <summary>Text on one line: runs of white space (line breaks of doc comments included) become one space; null when empty.</summary>
    public static string? OneLine(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The first sentence (up to a full stop followed by a space), without the stop.</summary>
    private static string? FirstSentence(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var end = text.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? text : text[..end]).TrimEnd('.');
    }

    private static string Humanize(string name)
    {
        var words = name.Replace('_', ' ').Replace('-', ' ');
        return words.Length == 0 ? name : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
