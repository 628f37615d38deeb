// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Cli.Commands;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// Findings point at the line and column of the offending field in the original file (or of its nearest existing
/// ancestor when the field is absent): across documents of a stream, in List items, through anchors and aliases,
/// in Helm output (attributed to the template) and inside the pod template of every pod controller.
/// </summary>
public sealed class LocationMappingTests
{
    private static readonly string Policies = Path.Combine(RepositoryPaths.Project, "Reports", "policies");

    [Fact]
    public void Each_document_of_a_stream_keeps_the_lines_of_the_file()
    {
        var file = CliRunner.TempFile("stream.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: one, labels: {owner: a}}
            spec:
              containers:
                - {name: a, image: registry.example.com/a:1, securityContext: {runAsNonRoot: true}, resources: {limits: {memory: 1Gi}}}
            ---
            # a comment before the second document
            apiVersion: v1
            kind: Pod
            metadata: {name: two, labels: {owner: a}}
            spec:
              containers:
                - name: b
                  image: registry.example.com/b:1
                  resources: {limits: {memory: 1Gi}}
                  securityContext:
                    runAsNonRoot: true
                    privileged: true
            """);
        var finding = Single(Eval(file), "RT-001");
        finding.Subject.GetProperty("document").GetInt32().ShouldBe(1);
        finding.Subject.GetProperty("name").GetString().ShouldBe("two");
        Place(finding.Finding).ShouldBe((19, 9));
    }

    [Fact]
    public void List_items_are_subjects_with_their_true_positions()
    {
        var file = CliRunner.TempFile("list.yaml", """
            apiVersion: v1
            kind: List
            items:
              - apiVersion: v1
                kind: ConfigMap
                metadata: {name: cm, labels: {owner: a}}
              - apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, labels: {owner: a}}
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          image: registry.example.com/web:1
                          resources: {limits: {memory: 1Gi}}
            """);
        var json = Eval(file);
        json.GetProperty("results").GetArrayLength().ShouldBe(2);
        var finding = Single(json, "RT-002");
        finding.Subject.GetProperty("objectKind").GetString().ShouldBe("Deployment");
        finding.Subject.GetProperty("line").GetInt32().ShouldBe(7);
        finding.Finding.GetProperty("path").GetString().ShouldBe("/spec/template/spec/containers/0/securityContext/runAsNonRoot");
        Place(finding.Finding).ShouldBe((14, 15), "no securityContext: the container is the nearest existing ancestor");
    }

    [Fact]
    public void A_field_reached_through_an_alias_is_located_where_the_anchor_wrote_it()
    {
        var file = CliRunner.TempFile("anchors.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: {owner: a}}
            spec:
              containers:
                - name: first
                  image: registry.example.com/a:1
                  resources: {limits: {memory: 1Gi}}
                  securityContext: &unsafe
                    runAsNonRoot: true
                    privileged: true
                - name: second
                  image: registry.example.com/a:1
                  resources: {limits: {memory: 1Gi}}
                  securityContext: *unsafe
            """);
        var findings = Eval(file).GetProperty("results")[0].GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("id").GetString() == "RT-001").ToArray();
        findings.Length.ShouldBe(2);
        findings.Select(f => f.GetProperty("path").GetString()).ShouldBe(["/spec/containers/0/securityContext/privileged", "/spec/containers/1/securityContext/privileged"]);
        findings.Select(Place).ShouldBe([(11, 9), (11, 9)]);
    }

    [Fact]
    public void Merge_keys_take_fields_from_the_anchor()
    {
        var file = CliRunner.TempFile("merge.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: p, labels: {owner: a}}
            spec:
              containers:
                - &base
                  name: first
                  image: docker.io/library/a:1
                  resources: {limits: {memory: 1Gi}}
                  securityContext: {runAsNonRoot: true}
                - <<: *base
                  name: second
            """);
        var findings = Eval(file).GetProperty("results")[0].GetProperty("findings").EnumerateArray().Where(f => f.GetProperty("id").GetString() == "RT-003").ToArray();
        findings.Select(f => f.GetProperty("message").GetString()).ShouldBe(["container first pulls from docker.io", "container second pulls from docker.io"]);
        findings.Select(Place).ShouldBe([(8, 7), (8, 7)]);
    }

    [Fact]
    public void Helm_output_is_attributed_to_each_template_with_lines_inside_it()
    {
        const string stdin = """
            ---
            # Source: app/templates/pod.yaml
            apiVersion: v1
            kind: Pod
            metadata:
              name: p
              labels: {owner: a}
            spec:
              containers:
                - name: c
                  image: registry.example.com/c:1
                  resources: {limits: {memory: 1Gi}}
                  securityContext:
                    runAsNonRoot: true
                    privileged: true
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: plain, labels: {owner: a}}
            spec:
              containers:
                - {name: d, image: registry.example.com/d:1, resources: {limits: {memory: 1Gi}}, securityContext: {runAsNonRoot: true, privileged: true}}
            """;
        var (_, output, error) = CliRunner.Eval(new EvalOptions { Policies = [Policies], Inputs = ["-"], Outputs = ["json"] }, stdin);
        var json = CliRunner.Json(output);
        json.GetProperty("results").GetArrayLength().ShouldBe(2, error);
        var templated = json.GetProperty("results")[0];
        templated.GetProperty("subject").GetProperty("file").GetString().ShouldBe("app/templates/pod.yaml");
        templated.GetProperty("subject").GetProperty("line").GetInt32().ShouldBe(1);
        var finding = templated.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "RT-001");
        finding.GetProperty("location").GetProperty("file").GetString().ShouldBe("app/templates/pod.yaml");
        Place(finding).ShouldBe((13, 9), "line 13 of the template is line 15 of the stream");
        var plain = json.GetProperty("results")[1];
        plain.GetProperty("subject").GetProperty("file").GetString().ShouldBe("-");
        Place(plain.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetString() == "RT-001")).ShouldBe((22, 124));
    }

    [Theory]
    [InlineData("v1", "Pod", "")]
    [InlineData("apps/v1", "Deployment", "/spec/template")]
    [InlineData("apps/v1", "StatefulSet", "/spec/template")]
    [InlineData("apps/v1", "DaemonSet", "/spec/template")]
    [InlineData("apps/v1", "ReplicaSet", "/spec/template")]
    [InlineData("v1", "ReplicationController", "/spec/template")]
    [InlineData("batch/v1", "Job", "/spec/template")]
    [InlineData("batch/v1", "CronJob", "/spec/jobTemplate/spec/template")]
    public void Pod_controllers_point_into_their_pod_template(string apiVersion, string kind, string templatePath)
    {
        // Nest the pod spec at the controller's template path; the privileged field is then on a known line.
        var lines = new List<string> { $"apiVersion: {apiVersion}", $"kind: {kind}", "metadata: {name: x, labels: {owner: a}}" };
        var indent = string.Empty;
        foreach (var segment in (templatePath + "/spec").Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            lines.Add($"{indent}{segment}:");
            indent += "  ";
        }

        lines.Add($"{indent}containers:");
        lines.Add($"{indent}  - name: c");
        lines.Add($"{indent}    image: registry.example.com/c:1");
        lines.Add($"{indent}    resources: {{limits: {{memory: 1Gi}}}}");
        lines.Add($"{indent}    securityContext:");
        lines.Add($"{indent}      runAsNonRoot: true");
        lines.Add($"{indent}      privileged: true");
        var file = CliRunner.TempFile("controller.yaml", string.Join('\n', lines) + "\n");
        var finding = Single(Eval(file), "RT-001");
        finding.Finding.GetProperty("path").GetString().ShouldBe(templatePath + "/spec/containers/0/securityContext/privileged");
        Place(finding.Finding).ShouldBe((lines.Count, indent.Length + 7));
    }

    private static JsonElement Eval(string file)
    {
        var (_, output, error) = CliRunner.Eval([Policies], [file]);
        error.ShouldBeEmpty();
        return CliRunner.Json(output);
    }

    private static (JsonElement Subject, JsonElement Finding) Single(JsonElement json, string id)
    {
        var matches = json.GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("findings").EnumerateArray().Select(f => (Subject: r.GetProperty("subject"), Finding: f)))
            .Where(x => x.Finding.GetProperty("id").GetString() == id)
            .ToArray();
        matches.Length.ShouldBe(1, $"one {id} finding");
        return matches[0];
    }

    private static (int Line, int Column) Place(JsonElement finding) =>
        (finding.GetProperty("location").GetProperty("line").GetInt32(), finding.GetProperty("location").GetProperty("column").GetInt32());
}
