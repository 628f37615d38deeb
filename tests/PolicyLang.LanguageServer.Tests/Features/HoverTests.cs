// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Tests.Support;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Hover: Kubernetes field docs, built-in signatures, rules, functions, parameters, variables, types.</summary>
public sealed class HoverTests
{
    private static async Task<string> HoverAsync(ServerFixture fixture, string annotated)
    {
        var (uri, cursor, _) = await fixture.OpenAsync(annotated);
        var hover = await fixture.Client.HoverAsync(uri, cursor);
        return hover.ShouldNotBeNull().Contents.Value;
    }

    private const string Rule = "package acme.edit\n\nimport acme.lib as lib\n\n/// A helper.\nfunc double(x: int): int = x * 2\n\n/// Denies privileged containers.\n@id(\"E-1\") @severity(critical)\nrule r on workload w {\n  for c in w.allContainers\n    deny \"x\" at c.securityContext.privileged when c.securityContext.privileged == true and startsWith(c.image, \"x\") and double(1) > 1 and lib.trusted(c.image)\n}\n";

    [Fact]
    public async Task A_Kubernetes_field_shows_its_type_and_API_description()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var text = await HoverAsync(fixture, Rule.Replace("at c.securityContext.privileged", "at c.securityContext.privi|leged", StringComparison.Ordinal));
        text.ShouldContain("SecurityContext.privileged: bool");
        text.ShouldContain("privileged mode", Case.Insensitive);
    }

    [Fact]
    public async Task A_built_in_shows_its_signatures_and_summary()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var text = await HoverAsync(fixture, Rule.Replace("startsWith(", "starts|With(", StringComparison.Ordinal));
        text.ShouldContain("startsWith(");
        text.ShouldContain(": bool");
    }

    [Fact]
    public async Task Rules_functions_parameters_and_variables_show_declaration_and_docs()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var rule = await HoverAsync(fixture, Rule.Replace("rule r on", "rule |r on", StringComparison.Ordinal));
        rule.ShouldContain("rule r on workload w");
        rule.ShouldContain("Denies privileged containers.");
        rule.ShouldContain("severity `critical`");
        rule.ShouldContain("id `E-1`");
        (await HoverAsync(fixture, Rule.Replace("double(1)", "dou|ble(1)", StringComparison.Ordinal))).ShouldSatisfyAllConditions(
            h => h.ShouldContain("func double(x: int): int"),
            h => h.ShouldContain("A helper."));
        (await HoverAsync(fixture, Rule.Replace("lib.trusted", "lib.trus|ted", StringComparison.Ordinal))).ShouldContain("True when the image comes from an allowed registry.");
        (await HoverAsync(fixture, Rule.Replace("for c in", "for |c in", StringComparison.Ordinal))).ShouldContain("(loop variable) c: Container");
        (await HoverAsync(fixture, "package acme.edit\n\n/// How many.\nparam lim|it: int = 3\n")).ShouldSatisfyAllConditions(
            h => h.ShouldContain("param limit: int = 3"),
            h => h.ShouldContain("How many."));
        (await HoverAsync(fixture, "package acme.edit\n\nfunc f(c: Contai|ner): bool = true\n")).ShouldContain("Container");
    }

    [Fact]
    public async Task Nothing_to_say_answers_null()
    {
        await using var fixture = await ServerFixture.StartAsync();
        var (uri, cursor, _) = await fixture.OpenAsync("package acme.edit\n\n|\n");
        (await fixture.Client.HoverAsync(uri, cursor)).ShouldBeNull();
    }
}
