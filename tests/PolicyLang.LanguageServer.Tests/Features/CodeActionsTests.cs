// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Quick fixes (did-you-mean, unused import, add import) and "add exception for this rule".</summary>
public sealed class CodeActionsTests
{
    private static async Task<(List<CodeAction> Actions, string Text, string Uri)> ActionsAsync(ServerFixture fixture, string annotated)
    {
        var (uri, cursor, text) = await fixture.OpenAsync(annotated);
        var actions = await fixture.Client.RequestAsync<List<CodeAction>>("textDocument/codeAction", new CodeActionParams(new TextDocumentIdentifier(uri), new Range(cursor, cursor), new CodeActionContext([])));
        return (actions, text, uri);
    }

    private static string Applied(CodeAction action, string text, string uri) => EditApplier.Apply(text, action.Edit.Changes[uri]);

    [Theory]
    [InlineData("deny \"x\" when c.securityContext.privi|legd == true", "privilegd", "privileged")]
    [InlineData("deny \"x\" when startWith|(c.image, \"a\")", "startWith", "startsWith")]
    [InlineData("deny \"x\" when c.name in shel|s", "shels", "shells")]
    public async Task Did_you_mean_fixes_replace_the_misspelt_name(string body, string wrong, string right)
    {
        await using var fixture = await ServerFixture.StartAsync();
        var (actions, text, uri) = await ActionsAsync(fixture, $"package acme.edit\n\nlist shells = [\"sh\"]\n\n@severity(low)\nrule r on workload w {{\n  for c in w.allContainers\n    {body}\n}}\n");
        var fix = actions.Single(a => a.Kind == CodeActionKinds.QuickFix);
        fix.Title.ShouldBe($"Change to '{right}'");
        fix.IsPreferred.ShouldBe(true);
        fix.Diagnostics.ShouldNotBeNull().ShouldHaveSingleItem().Message.ShouldContain(wrong);
        Applied(fix, text, uri).ShouldContain(right);
        Applied(fix, text, uri).ShouldNotContain(wrong);
    }

    [Fact]
    public async Task A_misspelt_rule_in_a_test_is_fixed()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var (actions, text, uri) = await ActionsAsync(fixture, "package acme.edit\n\n@severity(low)\nrule no_root on workload w { deny \"x\" }\n\ntest \"t\" {\n  given manifest \"{apiVersion: v1, kind: Pod, metadata: {name: p}}\"\n  expect deny no_ro|ot_\n}\n");
        Applied(actions.Single(a => a.Kind == CodeActionKinds.QuickFix), text, uri).ShouldContain("expect deny no_root\n");
    }

    [Fact]
    public async Task A_package_used_without_its_import_gets_an_add_import_fix()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var (actions, text, uri) = await ActionsAsync(fixture, "package acme.edit\n\n@severity(low)\nrule r on workload w {\n  for c in w.allContainers\n    deny \"x\" when not l|ib.trusted(c.image)\n}\n");
        var add = actions.Single(a => a.Title.StartsWith("Add 'import", StringComparison.Ordinal));
        add.Title.ShouldBe("Add 'import acme.lib'");
        var fixedText = Applied(add, text, uri);
        fixedText.ShouldStartWith("package acme.edit\n\nimport acme.lib\n");
        await fixture.Client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent(fixedText));
        (await fixture.Client.DiagnosticsAsync(uri, version: 2)).Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unused_import_can_be_removed()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var (actions, text, uri) = await ActionsAsync(fixture, "package acme.edit\n\nimport acme.l|ib\n\nconst x = 1\n");
        var remove = actions.Single(a => a.Kind == CodeActionKinds.QuickFix);
        remove.Title.ShouldBe("Remove the unused import");
        Applied(remove, text, uri).ShouldNotContain("import");
    }

    [Theory]
    [InlineData("workload w", "w.namespace")]
    [InlineData("manifest m", "m.metadata.namespace")]
    [InlineData("admission a", "a.namespace")]
    [InlineData("image i", "i.reference.registry")]
    [InlineData("event e", "e.k8s.namespace")]
    [InlineData("host h", "h.role")]
    public async Task Add_exception_inserts_a_clause_that_compiles(string subject, string condition)
    {
        await using var fixture = await ServerFixture.StartAsync();
        var action = subject.StartsWith("event", StringComparison.Ordinal) ? "alert" : "warn";
        var (actions, text, uri) = await ActionsAsync(fixture, $"package acme.edit\n\n@severity(low)\nrule r|r on {subject} {{\n  {action} \"x\"\n}}\n");
        var exception = actions.Single(a => a.Title == "Add exception for rule 'rr'");
        exception.Kind.ShouldBe("refactor.rewrite");
        var fixedText = Applied(exception, text, uri);
        fixedText.ShouldContain($"rule rr on {subject}\n  except when {condition}");
        await fixture.Client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent(fixedText));
        (await fixture.Client.DiagnosticsAsync(uri, version: 2)).Diagnostics.Where(d => d.Severity <= DiagnosticSeverity.Warning).ShouldBeEmpty();
    }
}
