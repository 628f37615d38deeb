// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;

namespace PolicyLang.Cli.Tests;

/// <summary>policylang eval end to end, for each subject kind, with the JSON contract and exit codes.</summary>
public sealed class EvalCommandTests
{
    private static readonly string Policies = CliRunner.Example("policies");

    [Fact]
    public void Manifests_are_denied_at_file_line_and_column()
    {
        var (code, output, error) = CliRunner.Eval([Policies], [CliRunner.Example("inputs", "manifests", "web.yaml")]);
        code.ShouldBe(1, error);
        var json = CliRunner.Json(output);
        var result = json.GetProperty("results")[0];
        result.GetProperty("subject").GetProperty("kind").GetString().ShouldBe("manifest");
        result.GetProperty("subject").GetProperty("objectKind").GetString().ShouldBe("Deployment");
        result.GetProperty("subject").GetProperty("namespace").GetString().ShouldBe("shop");
        var registry = Findings(json).Single(f => f.GetProperty("rule").GetString() == "allowed_registry");
        registry.GetProperty("action").GetString().ShouldBe("deny");
        registry.GetProperty("severity").GetString().ShouldBe("high");
        registry.GetProperty("id").GetString().ShouldBe("EX-W-003");
        registry.GetProperty("path").GetString().ShouldBe("/spec/template/spec/containers/0/image");
        var location = registry.GetProperty("location");
        location.GetProperty("line").GetInt32().ShouldBe(18);
        location.GetProperty("column").GetInt32().ShouldBe(11);
        location.GetProperty("file").GetString().ShouldNotBeNull().ShouldEndWith("web.yaml");
        json.GetProperty("summary").GetProperty("passed").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public void An_absent_field_is_located_at_its_nearest_ancestor()
    {
        var (_, output, _) = CliRunner.Eval([Policies], [CliRunner.Example("inputs", "manifests", "web.yaml")]);
        var limits = Findings(CliRunner.Json(output)).Single(f => f.GetProperty("rule").GetString() == "memory_limits");
        limits.GetProperty("path").GetString().ShouldBe("/spec/template/spec/containers/1/resources");
        limits.GetProperty("location").GetProperty("line").GetInt32().ShouldBe(23);
    }

    [Fact]
    public void Cross_object_rules_see_every_input_of_the_run()
    {
        var (code, output, _) = CliRunner.Eval([Policies], [CliRunner.Example("inputs", "manifests", "cluster.yaml")]);
        code.ShouldBe(1);
        var messages = Findings(CliRunner.Json(output)).Select(f => f.GetProperty("message").GetString()).ToArray();
        messages.ShouldContain("namespace team-b has no default-deny NetworkPolicy");
        messages.ShouldNotContain("namespace team-a has no default-deny NetworkPolicy");
        messages.ShouldContain("service orphan selects no workload");
    }

    [Fact]
    public void Admission_requests_are_detected_and_evaluated()
    {
        var (code, output, _) = CliRunner.Eval([Policies], [CliRunner.Example("inputs", "admission")]);
        code.ShouldBe(1);
        var json = CliRunner.Json(output);
        json.GetProperty("results").EnumerateArray().ShouldAllBe(r => r.GetProperty("subject").GetProperty("kind").GetString() == "admission");
        Findings(json).Select(f => f.GetProperty("id").GetString()).ShouldBe(["EX-A-002", "EX-A-001"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("images", "image", "EX-I-002")]
    [InlineData("events", "event", "EX-R-001")]
    [InlineData("hosts", "host", "CIS-4.2.1")]
    public void Other_subjects_are_detected_from_their_documents(string folder, string kind, string expectedId)
    {
        var (_, output, error) = CliRunner.Eval([Policies], [CliRunner.Example("inputs", folder)]);
        var json = CliRunner.Json(output);
        json.GetProperty("results").GetArrayLength().ShouldBeGreaterThan(0, error);
        json.GetProperty("results").EnumerateArray().ShouldAllBe(r => r.GetProperty("subject").GetProperty("kind").GetString() == kind);
        Findings(json).Select(f => f.GetProperty("id").GetString()).ShouldContain(expectedId);
    }

    [Fact]
    public void Event_findings_are_located_at_the_line_of_their_event()
    {
        var (_, output, _) = CliRunner.Eval([Policies], [CliRunner.Example("inputs", "events", "stream.jsonl")]);
        var lines = Findings(CliRunner.Json(output)).Select(f => (f.GetProperty("rule").GetString(), f.GetProperty("location").GetProperty("line").GetInt32())).ToArray();
        lines.ShouldBe([("shell_in_container", 1), ("sensitive_file_read", 3), ("unexpected_outbound", 4)]);
    }

    [Fact]
    public void Forced_subject_kind_reads_documents_as_that_kind()
    {
        var events = File.ReadAllText(CliRunner.Example("inputs", "events", "stream.jsonl"));
        var (_, output, _) = CliRunner.Eval([Policies], ["-"], subject: "event", stdin: events);
        var alerts = Findings(CliRunner.Json(output)).Where(f => f.GetProperty("action").GetString() == "alert").ToArray();
        alerts.Select(f => f.GetProperty("rule").GetString()).ShouldBe(["shell_in_container", "sensitive_file_read", "unexpected_outbound"]);
    }

    [Fact]
    public void Parameters_are_set_from_the_command_line()
    {
        var manifest = CliRunner.Example("inputs", "manifests", "web.yaml");
        var (_, output, _) = CliRunner.Eval([Policies], [manifest], parameters: ["examples.workloads.allowed_registries=registry.example.com,docker.io"]);
        Findings(CliRunner.Json(output)).ShouldNotContain(f => f.GetProperty("rule").GetString() == "allowed_registry");
    }

    [Fact]
    public void An_unknown_parameter_is_an_error()
    {
        var (code, _, error) = CliRunner.Eval([Policies], [CliRunner.Example("inputs", "manifests", "web.yaml")], parameters: ["allowed_registrie=x"]);
        code.ShouldBe(2);
        error.ShouldContain("did you mean 'allowed_registries'?");
    }

    [Fact]
    public void Text_output_names_file_line_severity_rule_and_message()
    {
        var (code, output, _) = CliRunner.Eval([Policies], [CliRunner.Example("inputs", "manifests", "web.yaml")], output: "text");
        code.ShouldBe(1);
        output.ShouldContain("web.yaml:18:11  HIGH     deny    EX-W-003  Deployment shop/web: container web pulls from registry.example.com, which is not allowed");
        output.ShouldContain("2 subjects evaluated: 2 deny, 1 warn");
        output.ShouldNotContain("\u001b[");
    }

    [Fact]
    public void No_deny_exits_zero()
    {
        var clean = CliRunner.TempFile("clean.yaml", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c}
            data: {a: b}
            """);
        var (code, output, _) = CliRunner.Eval([Policies], [clean]);
        code.ShouldBe(0);
        CliRunner.Json(output).GetProperty("summary").GetProperty("passed").GetBoolean().ShouldBeTrue();
    }

    private static IEnumerable<JsonElement> Findings(JsonElement json) =>
        json.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("findings").EnumerateArray());
}
