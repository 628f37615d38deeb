// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;
using PolicyLang.Compiler.Syntax;

namespace PolicyLang.LanguageServer.Features.Completion;

/// <summary>What kind of thing the cursor is about to receive, read from the tokens before it (the tree may be broken while typing).</summary>
public enum CompletionPlace
{
    None,
    Member,
    Annotation,
    Severity,
    Subject,
    Package,
    Scope,
    FixtureSubject,
    ExpectationKind,
    ExpectedRule,
    TestParameter,
    Type,
    KindValue,
    OperationValue,
    StringValue,
    Code,
}

/// <summary>The place of the cursor, the word typed so far and the tokens before it.</summary>
public sealed partial record CompletionContext(CompletionPlace Place, int Offset, int WordStart, bool InString)
{
    public static CompletionContext Find(SyntaxTree tree, int offset)
    {
        var text = tree.Source.Text;
        var tokens = tree.Tokens;
        var at = tokens.FirstOrDefault(t => (t.Span.Start < offset && offset < t.Span.End)
            || (t.Span.End == offset && t.Kind == SyntaxTokenKind.Comment && t.Text.StartsWith("//", StringComparison.Ordinal))
            || (t.Span.End == offset && t.Kind == SyntaxTokenKind.String && (t.Text.Length == 1 || !t.Text.EndsWith('"'))));
        if (at.Kind is SyntaxTokenKind.Comment or SyntaxTokenKind.DocComment && at.Text is not null)
        {
            return new CompletionContext(CompletionPlace.None, offset, offset, false);
        }

        var wordStart = offset;
        while (wordStart > 0 && (char.IsAsciiLetterOrDigit(text[wordStart - 1]) || text[wordStart - 1] == '_'))
        {
            wordStart--;
        }

        var before = tokens.Where(t => t.Span.End <= wordStart && t.Kind is not (SyntaxTokenKind.Comment or SyntaxTokenKind.DocComment)).TakeLast(6).Select(t => t.Text).Reverse().ToArray();
        string Previous(int i) => i < before.Length ? before[i] : string.Empty;

        var inString = at.Kind == SyntaxTokenKind.String && at.Text is not null && offset > at.Span.Start;
        if (inString)
        {
            var stringBefore = tokens.Where(t => t.Span.End <= at.Span.Start && t.Kind is not (SyntaxTokenKind.Comment or SyntaxTokenKind.DocComment)).TakeLast(40).Select(t => t.Text).Reverse().ToArray();
            return new CompletionContext(ValuePlace(stringBefore) ?? CompletionPlace.StringValue, offset, wordStart, true);
        }

        var line = tree.Source.GetLineText(tree.Source.GetLinePosition(offset).Line);
        var lineBefore = line[..Math.Min(line.Length, tree.Source.GetLinePosition(offset).Character)];
        var place = Previous(0) switch
        {
            "." => CompletionPlace.Member,
            "@" => CompletionPlace.Annotation,
            "(" when Previous(1) == "severity" && Previous(2) == "@" => CompletionPlace.Severity,
            "on" when Previous(2) == "rule" => CompletionPlace.Subject,
            "import" => CompletionPlace.Package,
            "match" or "exclude" => CompletionPlace.Scope,
            "given" => CompletionPlace.FixtureSubject,
            "expect" => CompletionPlace.ExpectationKind,
            "no" when Previous(1) == "expect" => CompletionPlace.ExpectationKind,
            _ when Previous(1) == "expect" && int.TryParse(Previous(0), out _) => CompletionPlace.ExpectationKind,
            _ when ExpectRule().IsMatch(lineBefore) => CompletionPlace.ExpectedRule,
            "with" when TestWith().IsMatch(lineBefore) => CompletionPlace.TestParameter,
            _ when TypePosition().IsMatch(lineBefore) || FunctionTypePosition().IsMatch(lineBefore) => CompletionPlace.Type,
            "[" or "," when ValuePlace([.. before]) is { } value => value,
            _ => CompletionPlace.Code,
        };
        return new CompletionContext(place, offset, wordStart, false);
    }

    /// <summary>Inside <c>match kinds [..]</c>, <c>match operations [..]</c> or <c>inventory(..)</c>: the values that scope takes.</summary>
    private static CompletionPlace? ValuePlace(string[] before)
    {
        for (var i = 0; i < before.Length; i++)
        {
            switch (before[i])
            {
                case "," or "[" or "\"":
                    continue;
                case "(" when i + 1 < before.Length && before[i + 1] == "inventory":
                    return CompletionPlace.KindValue;
                case "kinds" when i + 1 < before.Length && before[i + 1] is "match" or "exclude":
                    return CompletionPlace.KindValue;
                case "operations" when i + 1 < before.Length && before[i + 1] is "match" or "exclude":
                    return CompletionPlace.OperationValue;
                default:
                    if (before[i].StartsWith('"'))
                    {
                        continue;
                    }

                    return null;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*expect\s+(no\s+)?(\d+\s+)?(deny|warn|audit|alert|mutate|error|finding|findings)\s+[\w.]*$")]
    private static partial Regex ExpectRule();

    [GeneratedRegex(@"^\s*with\s+[\w.]*$")]
    private static partial Regex TestWith();

    [GeneratedRegex(@"^\s*(param|const|list)\s+\w+\s*:\s*[\w<>, ]*$")]
    private static partial Regex TypePosition();

    [GeneratedRegex(@"^\s*func\s+\w+\s*\(([^)]*[(,]\s*)?\s*\w+\s*:\s*[\w<>, ]*$|^\s*func\s+\w+\s*\([^)]*\)\s*:\s*[\w<>]*$|^\s*func\s+\w+\s*\(\s*\w+\s*:\s*[\w<>]*$")]
    private static partial Regex FunctionTypePosition();
}
