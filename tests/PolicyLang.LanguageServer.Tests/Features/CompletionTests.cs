// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Completion in every context: fields by schema, symbols in scope, built-ins, keywords, snippets, enum-like values.</summary>
public sealed class CompletionTests
{
    private const string Header = "package acme.edit\n\nimport acme.lib as lib\n\nlist shells = [\"sh\"]\n\n";

    private static async Task<CompletionList> CompleteAsync(ServerFixture fixture, string annotated)
    {
        var (uri, cursor, _) = await fixture.OpenAsync(annotated);
        return await fixture.Client.CompletionAsync(uri, cursor);
    }

    [Fact]
    public async Task After_a_dot_on_a_Kubernetes_field_every_field_of_its_type_comes_with_type_and_API_docs()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var list = await CompleteAsync(fixture, Header + "@severity(low)\nrule r on workload w {\n  for c in w.allContainers\n    deny \"x\" when c.securityContext.|\n}\n");
        var labels = list.Items.Select(i => i.Label).ToArray();
        labels.ShouldContain("privileged");
        labels.ShouldContain("runAsNonRoot");
        labels.ShouldContain("capabilities");
        labels.ShouldContain("allowPrivilegeEscalation");
        labels.ShouldContain("seccompProfile");
        var capabilities = list.Items.Single(i => i.Label == "capabilities");
        capabilities.Kind.ShouldBe(CompletionItemKind.Field);
        capabilities.Detail.ShouldBe("Capabilities");
        capabilities.Documentation.ShouldNotBeNull().Value.ShouldContain("capabilities", Case.Insensitive);
        list.Items.Single(i => i.Label == "privileged").Detail.ShouldBe("bool");
    }

    [Fact]
    public async Task After_a_dot_with_a_partial_name_the_receiver_is_still_typed()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var list = await CompleteAsync(fixture, Header + "@severity(low)\nrule r on workload w {\n  let s = w.spec.host|\n  deny \"x\" when s\n}\n");
        list.Items.Select(i => i.Label).ShouldContain("hostNetwork");
        list.Items.Select(i => i.Label).ShouldContain("hostPID");
    }

    [Fact]
    public async Task After_a_dot_on_a_string_the_method_form_built_ins_are_offered()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var list = await CompleteAsync(fixture, Header + "@severity(low)\nrule r on workload w {\n  for c in w.allContainers\n    deny \"x\" when c.image.|\n}\n");
        list.Items.ShouldContain(i => i.Label == "startsWith");
        list.Items.Single(i => i.Label == "startsWith").Detail.ShouldNotBeNull().ShouldContain("startsWith(");
        list.Items.ShouldNotContain(i => i.Label == "privileged");
    }

    [Fact]
    public async Task After_an_import_alias_and_a_dot_the_package_members_are_offered()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var list = await CompleteAsync(fixture, Header + "@severity(low)\nrule r on workload w {\n  for c in w.allContainers\n    deny \"x\" when lib.|\n}\n");
        list.Items.Select(i => i.Label).ShouldBe(["registries", "trusted"], ignoreOrder: true);
        list.Items.Single(i => i.Label == "trusted").Detail.ShouldBe("trusted(ref: string): bool");
    }

    [Fact]
    public async Task In_an_expression_the_symbols_in_scope_built_ins_and_keywords_are_offered()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var list = await CompleteAsync(fixture, Header + "func f(x: int): int = x\n\n@severity(low)\nrule r on workload w {\n  let limit = 3\n  for c in w.allContainers\n    deny \"x\" when |\n}\n");
        var labels = list.Items.Select(i => i.Label).ToArray();
        labels.ShouldContain("c");
        labels.ShouldContain("w");
        labels.ShouldContain("limit");
        labels.ShouldContain("shells");
        labels.ShouldContain("f");
        labels.ShouldContain("lib");
        labels.ShouldContain("matches");
        labels.ShouldContain("exists");
        labels.ShouldContain("any");
        labels.ShouldContain("not");
        labels.ShouldNotContain("r");
        list.Items.Single(i => i.Label == "c").Detail.ShouldBe("Container");
        list.Items.Single(i => i.Label == "matches").Detail.ShouldNotBeNull().ShouldStartWith("matches(");
        list.Items.Single(i => i.Label == "deny").InsertTextFormat.ShouldBe(InsertTextFormat.Snippet);
    }

    [Fact]
    public async Task Severities_operations_subjects_annotations_and_known_values_are_offered_where_they_belong()
    {
        await using var fixture = await ServerFixture.StartAsync();
        (await CompleteAsync(fixture, Header + "@severity(|)\nrule r on workload w { deny \"x\" }\n")).Items.Select(i => i.Label).ShouldBe(["info", "low", "medium", "high", "critical"], ignoreOrder: true);
        (await CompleteAsync(fixture, Header + "@|\nrule r on workload w { deny \"x\" }\n")).Items.Select(i => i.Label).ShouldContain("severity");
        (await CompleteAsync(fixture, Header + "rule r on |")).Items.Select(i => i.Label).ShouldBe(["manifest", "workload", "admission", "image", "event", "host"], ignoreOrder: true);
        (await CompleteAsync(fixture, Header + "rule r on admission a\n  match operations [|]\n{ deny \"x\" }\n")).Items.Select(i => i.Label).ShouldBe(["\"CREATE\"", "\"UPDATE\"", "\"DELETE\"", "\"CONNECT\""], ignoreOrder: true);
        (await CompleteAsync(fixture, Header + "rule r on admission a\n  match operations [\"|\"]\n{ deny \"x\" }\n")).Items.Select(i => i.Label).ShouldContain("CREATE");
        (await CompleteAsync(fixture, Header + "rule r on manifest m\n  match kinds [\"Dep|\"]\n{ deny \"x\" }\n")).Items.Select(i => i.Label).ShouldContain("Deployment");
        var operation = await CompleteAsync(fixture, Header + "@severity(low)\nrule r on admission a {\n  deny \"x\" when a.operation == |\n}\n");
        operation.Items.Where(i => i.Kind == CompletionItemKind.EnumMember).Select(i => i.Label).ShouldBe(["\"CREATE\"", "\"UPDATE\"", "\"DELETE\"", "\"CONNECT\""], ignoreOrder: true);
    }

    [Fact]
    public async Task At_the_top_level_declaration_snippets_and_in_tests_test_statements()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var top = await CompleteAsync(fixture, Header + "|");
        top.Items.ShouldContain(i => i.Label == "rule" && i.Kind == CompletionItemKind.Snippet && i.InsertText!.Contains("@severity", StringComparison.Ordinal));
        top.Items.Select(i => i.Label).ShouldContain("test");
        var test = await CompleteAsync(fixture, Header + "test \"t\" {\n  |\n}\n");
        test.Items.Select(i => i.Label).ShouldBe(["given", "with", "expect"], ignoreOrder: true);
        var expect = await CompleteAsync(fixture, Header + "@severity(low)\nrule mine on workload w { deny \"x\" }\n\ntest \"t\" {\n  given manifest \"{}\"\n  expect deny |\n}\n");
        expect.Items.Select(i => i.Label).ShouldContain("mine");
        var types = await CompleteAsync(fixture, Header + "param p: |");
        types.Items.Select(i => i.Label).ShouldContain("string");
        types.Items.Select(i => i.Label).ShouldContain("Container");
        var packages = await CompleteAsync(fixture, "package acme.other\n\nimport |");
        packages.Items.Select(i => i.Label).ShouldContain("acme.lib");
    }

    [Fact]
    public async Task Inside_a_comment_nothing_is_offered()
    {
        await using var fixture = await ServerFixture.StartAsync();
        (await CompleteAsync(fixture, Header + "// a comment |\n")).Items.ShouldBeEmpty();
    }
}
