// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Extension.Tests;

/// <summary>Every snippet, inserted with its defaults, is PolicyLang that the compiler's parser accepts.</summary>
public sealed class SnippetTests
{
    /// <summary>Snippets that are not whole declarations, with the text they are checked inside ({0} is the snippet).</summary>
    private static readonly Dictionary<string, string> Contexts = new(StringComparer.Ordinal)
    {
        ["for"] = "rule r on workload w {{\n{0}\n}}\n",
        ["deny"] = "rule r on workload w {{\n{0}\n}}\n",
        ["except"] = "rule r on workload w\n{0}\n{{ }}\n",
    };

    public static TheoryData<string> SnippetNames() => [.. Snippets().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(SnippetNames))]
    public void The_snippet_inserts_policy_text_without_syntax_errors(string name)
    {
        var (_, prefix, body) = Snippets().Single(s => s.Name == name);
        var inserted = SnippetExpander.Expand(body);
        var text = Contexts.TryGetValue(prefix, out var context) ? string.Format(System.Globalization.CultureInfo.InvariantCulture, context, inserted) : inserted;
        var tree = PolicyParser.Parse(new SourceText($"{prefix}.policy", text));
        tree.Diagnostics.Where(d => d.Descriptor.Stage == DiagnosticStage.Syntax).Select(d => $"{d.Code} {d.Message}").ShouldBeEmpty(text);
    }

    [Fact]
    public void The_expander_reads_snippet_syntax_as_VS_Code_does()
    {
        SnippetExpander.Expand("rule ${1:r} on ${2|workload,host|} ${3:w} { deny \"{c.name\\}\" $0} $1").ShouldBe("rule r on workload w { deny \"{c.name}\" } r");
        SnippetExpander.Expand("${1:a ${2:b}} $2").ShouldBe("a b b");
        Should.Throw<FormatException>(() => SnippetExpander.Expand("${1:open"));
    }

    [Fact]
    public void The_parser_check_catches_a_broken_snippet()
    {
        var tree = PolicyParser.Parse(new SourceText("broken.policy", SnippetExpander.Expand("rule ${1:r} on workload ${2:w} { deny \"x\" when }")));
        tree.Diagnostics.ShouldContain(d => d.Descriptor.Stage == DiagnosticStage.Syntax);
    }

    private static IEnumerable<(string Name, string Prefix, string Body)> Snippets()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Extension, "snippets", "policylang.json")));
        return document.RootElement.EnumerateObject()
            .Select(snippet => (
                snippet.Name,
                snippet.Value.GetProperty("prefix").GetString() ?? "",
                string.Join('\n', snippet.Value.GetProperty("body").EnumerateArray().Select(line => line.GetString()))))
            .ToList();
    }
}
