// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// <c>docs/output-json.md</c> is the <c>-o json</c> contract, and it is true: a run that produces every kind of
/// output (findings of all five subjects with locations, skipped and mutating findings, subject errors, input
/// errors, notices and warnings) writes only fields the page documents, and writes every field its example shows.
/// </summary>
public sealed partial class JsonContractTests
{
    private const string Policy = """
        package contract

        @severity(high)
        rule excepted on manifest m except when m.kind == "ConfigMap" because "config maps are exempt" {
          deny "{m.kind} {m.metadata.name}" at m.metadata.name
        }

        @severity(low)
        rule labels on admission a {
          mutate set a.object.metadata.labels.checked = "yes"
        }
        """;

    [Fact]
    public void The_output_has_exactly_the_documented_fields()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "output-json.md"));
        var example = JsonBlock().Match(page).Groups[1].Value;
        var exampleFields = QuotedKey().Matches(example).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var documented = exampleFields.Concat(CodeSpans().Matches(page).SelectMany(m => Identifiers().Matches(m.Groups[1].Value)).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);

        var policy = CliRunner.TempFile("contract.policy", Policy);
        var broken = CliRunner.TempFile("mixed.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n---\nnot: a kubernetes object\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: broken\n");
        var wrongType = CliRunner.TempFile("wrongtype.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: odd}\nspec: {containers: \"x\"}\n");
        var image = CliRunner.TempFile("image.json", """{"apiVersion": "policylang.io/v1", "kind": "Image", "reference": "nginx:1.27", "unknownField": 1, "config": {"user": "0"}}""");
        var (_, output, error) = CliRunner.Eval([CliRunner.Example("policies"), policy], [CliRunner.Example("inputs"), broken, wrongType, image, "no/such/file.yaml"]);

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        var paths = new HashSet<string>(StringComparer.Ordinal);
        Collect(CliRunner.Json(output), "$", fields, paths);
        fields.Keys.Where(f => !documented.Contains(f)).Select(f => $"{fields[f]} is written but docs/output-json.md does not document '{f}'").ShouldBeEmpty(error);
        exampleFields.Where(f => !fields.ContainsKey(f)).Select(f => $"docs/output-json.md shows '{f}', which the output never has").ShouldBeEmpty();

        // The run really had every kind of output, so the comparison covered them.
        foreach (var path in new[] { "$.results[].findings[].skipped", "$.results[].findings[].patch[].op", "$.results[].errors[].message", "$.errors[].location.line", "$.notices[].message", "$.warnings[].message" })
        {
            paths.ShouldContain(path);
        }
    }

    private static void Collect(JsonElement element, string path, Dictionary<string, string> fields, HashSet<string> paths)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    fields.TryAdd(property.Name, $"{path}.{property.Name}");
                    paths.Add($"{path}.{property.Name}");
                    Collect(property.Value, $"{path}.{property.Name}", fields, paths);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, path + "[]", fields, paths);
                }

                break;
        }
    }

    [GeneratedRegex("```json\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlock();

    [GeneratedRegex("\"([A-Za-z]+)\"\\s*:")]
    private static partial Regex QuotedKey();

    [GeneratedRegex("`([^`\\n]+)`")]
    private static partial Regex CodeSpans();

    [GeneratedRegex("[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex Identifiers();
}
