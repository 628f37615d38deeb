// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting;
using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Stdlib.Tests;

/// <summary>
/// Every bundled policy (the standard library and the examples) is in canonical form: <c>policylang fmt</c> over it
/// changes nothing, so <c>policylang fmt --check policies-stdlib examples</c> passes in CI.
/// </summary>
public sealed class CanonicalFormattingTests
{
    public static TheoryData<string> BundledPolicies() => new(Files());

    private static IEnumerable<string> Files() =>
        new[] { "policies-stdlib", "examples" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.policy", SearchOption.AllDirectories))
            .Select(file => Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void The_bundled_policies_are_found()
    {
        var files = Files().ToArray();
        files.Count(f => f.StartsWith("policies-stdlib/", StringComparison.Ordinal)).ShouldBeGreaterThan(20);
        files.Count(f => f.StartsWith("examples/", StringComparison.Ordinal)).ShouldBeGreaterThan(3);
    }

    [Theory]
    [MemberData(nameof(BundledPolicies))]
    public void Formatting_a_bundled_policy_changes_nothing(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, file));
        var tree = PolicyParser.Parse(new SourceText(file, text));
        tree.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ShouldBeEmpty();
        var formatted = PolicyFormatter.Format(tree);
        if (formatted != text)
        {
            var line = FirstDifferentLine(text, formatted);
            formatted.ShouldBe(text, $"{file} is not canonical (first difference at line {line}): run policylang fmt {file}");
        }
    }

    [Theory]
    [MemberData(nameof(BundledPolicies))]
    public void Formatting_a_bundled_policy_narrower_is_stable_and_keeps_every_comment(string file)
    {
        var options = new FormattingOptions { MaxLineWidth = 60 };
        var tree = PolicyParser.Parse(new SourceText(file, File.ReadAllText(Path.Combine(RepositoryPaths.Root, file))));
        var narrow = PolicyFormatter.Format(tree, options);
        var reparsed = PolicyParser.Parse(new SourceText(file, narrow));
        reparsed.Diagnostics.Where(d => d.IsError).Select(d => d.ToString()).ShouldBeEmpty(narrow);
        reparsed.Comments.Select(c => c.Text.TrimEnd()).ShouldBe(tree.Comments.Select(c => c.Text.TrimEnd()));
        var again = PolicyFormatter.Format(reparsed, options);
        if (again != narrow)
        {
            again.ShouldBe(narrow, $"{file} at width 60 changes when formatted again (first difference at line {FirstDifferentLine(narrow, again)})");
        }

        PolicyFormatter.Format(PolicyParser.Parse(new SourceText(file, narrow))).ShouldBe(PolicyFormatter.Format(tree), $"{file}: the width-60 text formats back to the canonical text");
    }

    private static int FirstDifferentLine(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return i + 1;
    }
}
