// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Cli.Commands;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// The bad inputs of CI runs: each is an error (or a warning) naming its file and place, and nothing else is lost.
/// </summary>
public sealed class CiInputTests
{
    private static readonly string Policies = Path.Combine(RepositoryPaths.Project, "Reports", "policies");

    private const string GoodPod = """
        apiVersion: v1
        kind: Pod
        metadata: {name: NAME, namespace: shop, labels: {owner: a}}
        spec:
          containers:
            - {name: app, image: registry.example.com/app:1, securityContext: {runAsNonRoot: true}, resources: {limits: {memory: 1Gi}}}
        """;

    [Fact]
    public void Malformed_yaml_in_one_of_a_hundred_files_leaves_the_other_ninety_nine_evaluated()
    {
        var directory = TempDirectory();
        for (var i = 0; i < 100; i++)
        {
            var text = i == 42 ? "apiVersion: v1\nkind: Pod\nmetadata: {name: [broken\n" : GoodPod.Replace("NAME", $"p{i:D3}", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory, $"m{i:D3}.yaml"), text);
        }

        var (code, output, _) = CliRunner.Eval([Policies], [directory]);
        code.ShouldBe(2);
        var json = CliRunner.Json(output);
        json.GetProperty("results").GetArrayLength().ShouldBe(99);
        var error = json.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("location").GetProperty("file").GetString().ShouldBe(Path.Join(directory, "m042.yaml"));
        error.GetProperty("location").GetProperty("line").GetInt32().ShouldBe(3);
        error.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("invalid YAML");
    }

    [Fact]
    public void A_binary_file_with_a_yaml_name_is_one_error_and_the_files_beside_it_are_evaluated()
    {
        var directory = TempDirectory();
        var bytes = new byte[2048];
        new Random(3).NextBytes(bytes);
        bytes[0] = 0x89;
        bytes[1] = (byte)'P';
        bytes[5] = 0;
        File.WriteAllBytes(Path.Combine(directory, "logo.yaml"), bytes);
        File.WriteAllText(Path.Combine(directory, "pod.yaml"), GoodPod.Replace("NAME", "ok", StringComparison.Ordinal));
        var (code, output, _) = CliRunner.Eval([Policies], [directory], output: "text");
        code.ShouldBe(2);
        output.ShouldContain(Path.Join(directory, "logo.yaml") + ":1");
        output.ShouldContain("not a text file");
        output.ShouldContain("1 subject evaluated");
    }

    [Fact]
    public void Duplicate_keys_are_an_error_naming_both_lines_and_the_next_document_is_evaluated()
    {
        var file = CliRunner.TempFile("dup.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {owner: x}\n  name: b\n---\n" + GoodPod.Replace("NAME", "next", StringComparison.Ordinal));
        var (code, output, _) = CliRunner.Eval([Policies], [file], output: "text");
        code.ShouldBe(2);
        output.ShouldContain($"{file}:6:3: error: duplicate key 'name' (first at line 4) (document 0)");
        output.ShouldContain("1 subject evaluated");
    }

    [Fact]
    public void A_wrong_type_where_an_object_is_expected_is_an_error_at_the_field()
    {
        var file = CliRunner.TempFile("wrong.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, labels: {owner: a}}\nspec:\n  template:\n    spec:\n      containers: \"x\"\n");
        var (code, output, _) = CliRunner.Eval([Policies], [file], output: "github");
        code.ShouldBe(2);
        output.ShouldContain($"::error file={file},line=7,col=7,title=policylang%3A input error::Deployment d: the pod template cannot be read: /spec/template/spec/containers: the value does not have the type the PodSpec schema expects");
    }

    [Fact]
    public void An_exception_naming_an_unknown_rule_is_a_warning_naming_it_and_does_not_fail_the_run()
    {
        var exceptions = CliRunner.TempFile("exceptions.yaml", "apiVersion: policylang.io/v1\nkind: Exceptions\nexceptions:\n  - rule: RT-0002\n    reason: typo\n");
        var pod = CliRunner.TempFile("pod.yaml", GoodPod.Replace("NAME", "p", StringComparison.Ordinal));
        var (code, output, _) = CliRunner.Eval(new EvalOptions { Policies = [Policies], Inputs = [pod], Outputs = ["json"], Exceptions = [exceptions] });
        code.ShouldBe(0);
        var warning = CliRunner.Json(output).GetProperty("warnings").EnumerateArray().Single();
        warning.GetProperty("message").GetString().ShouldBe("the exception names the rule 'RT-0002', which no loaded policy has; did you mean 'RT-002'?");
        warning.GetProperty("location").GetProperty("file").GetString().ShouldBe(exceptions);
        warning.GetProperty("location").GetProperty("line").GetInt32().ShouldBe(4);
    }

    [Fact]
    public void An_exception_stops_applying_after_its_expiry_and_is_reported()
    {
        var exceptions = CliRunner.TempFile("exceptions.yaml", "apiVersion: policylang.io/v1\nkind: Exceptions\nexceptions:\n  - rule: RT-003\n    reason: mirror\n    expires: 2025-06-30\n");
        var pod = CliRunner.TempFile("pod.yaml", GoodPod.Replace("NAME", "p", StringComparison.Ordinal).Replace("registry.example.com", "quay.io", StringComparison.Ordinal));
        EvalOptions At(string now) => new() { Policies = [Policies], Inputs = [pod], Outputs = ["json"], Exceptions = [exceptions], Now = DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture) };

        var (before, beforeOutput, _) = CliRunner.Eval(At("2025-06-30T23:59:00Z"));
        before.ShouldBe(0, "the exception applies through its expiry day");
        Findings(CliRunner.Json(beforeOutput)).Single().GetProperty("skipped").GetString().ShouldBe($"mirror (exception at {exceptions}:4:5)");

        var (after, afterOutput, _) = CliRunner.Eval(At("2025-07-01T00:00:00Z"));
        after.ShouldBe(1);
        var json = CliRunner.Json(afterOutput);
        Findings(json).Single().TryGetProperty("skipped", out _).ShouldBeFalse();
        json.GetProperty("warnings")[0].GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("expired on 2025-06-30");
    }

    [Theory]
    [InlineData("bindings:\n  - rule: RT-002\n    enforcement: sometimes\n", 5, "enforcement must be deny, warn or audit")]
    [InlineData("bindings:\n  - policy: reports.workload\n", 4, "no loaded policy is named 'reports.workload'; did you mean 'reports.workloads'?")]
    [InlineData("bindings:\n  - rule: RT-002\n    match: {namespace: [a]}\n", 5, "unknown scope field 'namespace'")]
    [InlineData("parameters:\n  reports.workloads.registry: [a]\n", 4, "parameter reports.workloads.registry: no loaded policy declares it; did you mean 'reports.workloads.registries'?")]
    public void An_invalid_bindings_file_is_an_error_with_file_and_line(string body, int line, string message)
    {
        var bindings = CliRunner.TempFile("bindings.yaml", "apiVersion: policylang.io/v1\nkind: Bindings\n" + body);
        var pod = CliRunner.TempFile("pod.yaml", GoodPod.Replace("NAME", "p", StringComparison.Ordinal));
        var (code, output, error) = CliRunner.Eval(new EvalOptions { Policies = [Policies], Inputs = [pod], Outputs = ["json"], Bindings = bindings });
        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain($"{bindings}:{line}:");
        error.ShouldContain(message);
    }

    [Fact]
    public void A_malformed_bindings_file_names_the_place_of_the_syntax_error()
    {
        var bindings = CliRunner.TempFile("bindings.yaml", "apiVersion: policylang.io/v1\nkind: Bindings\nbindings: [{rule: RT-002\n");
        var (code, _, error) = CliRunner.Eval(new EvalOptions { Policies = [Policies], Inputs = ["-"], Outputs = ["json"], Bindings = bindings });
        code.ShouldBe(2);
        error.ShouldContain($"{bindings}:3:");
        error.ShouldContain("invalid YAML");
    }

    [Theory]
    [InlineData("exceptions:\n  - rule: RT-002\n", "4:5: an exception needs a reason")]
    [InlineData("exceptions:\n  - rule: RT-002\n    reason: x\n    expires: next week\n", "6:14: expires must be a date")]
    [InlineData("exceptions:\n  - reason: x\n", "4:5: an exception names the rules it covers")]
    [InlineData("exceptions:\n  - rule: RT-002\n    reason: x\n    match: {operations: [CREATE]}\n", "unknown scope field 'operations'")]
    public void An_invalid_exceptions_file_is_an_error_with_file_and_line(string body, string message)
    {
        var exceptions = CliRunner.TempFile("exceptions.yaml", "apiVersion: policylang.io/v1\nkind: Exceptions\n" + body);
        var (code, _, error) = CliRunner.Eval(new EvalOptions { Policies = [Policies], Inputs = ["-"], Outputs = ["json"], Exceptions = [exceptions] });
        code.ShouldBe(2);
        error.ShouldContain(exceptions + ":");
        error.ShouldContain(message);
    }

    [Theory]
    [InlineData(new[] { "-o", "xml" }, "unknown output format 'xml'; expected text, json, sarif, junit or github")]
    [InlineData(new[] { "-o", "json", "-o", "sarif" }, "only one -o format can go to stdout")]
    [InlineData(new[] { "-o", "sarif=" }, "expected format=file")]
    [InlineData(new[] { "--fail-on", "severe" }, "--fail-on severe: expected info, low, medium, high or critical")]
    [InlineData(new[] { "--severity", "urgent" }, "--severity urgent: expected info")]
    [InlineData(new[] { "--rule", "RT-00" }, "--rule RT-00: no loaded rule matches; did you mean 'RT-001'?")]
    [InlineData(new[] { "--tag", "pss:restrictd" }, "--tag pss:restrictd: no loaded rule has this tag; did you mean 'pss:restricted'?")]
    public async Task Bad_options_exit_two_with_a_message(string[] options, string message)
    {
        var (code, output, error) = await ProcessRunner.Run(["eval", "-p", Policies, .. options, "-"]);
        code.ShouldBe(2, output + error);
        error.ShouldContain(message);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("medium", 1)]
    [InlineData("high", 0)]
    [InlineData("critical", 0)]
    public void The_gate_fails_only_on_deny_findings_at_or_above_its_severity(string? failOn, int expected)
    {
        // One medium deny (registry) and one low warn (memory limits).
        var pod = CliRunner.TempFile("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {owner: a}}\nspec:\n  containers: [{name: c, image: quay.io/c:1, securityContext: {runAsNonRoot: true}}]\n");
        var (code, output, _) = CliRunner.Eval(new EvalOptions { Policies = [Policies], Inputs = [pod], Outputs = ["json"], FailOn = failOn });
        code.ShouldBe(expected);
        var summary = CliRunner.Json(output).GetProperty("summary");
        summary.GetProperty("passed").GetBoolean().ShouldBe(expected == 0);
        summary.GetProperty("failing").GetInt32().ShouldBe(expected);
        summary.GetProperty("warn").GetInt32().ShouldBe(1, "warn findings never fail a run");
    }

    [Fact]
    public void Fingerprints_are_stable_across_runs_and_edits_elsewhere_in_the_file()
    {
        var pod = GoodPod.Replace("NAME", "p", StringComparison.Ordinal).Replace("registry.example.com", "docker.io", StringComparison.Ordinal);
        var directory = TempDirectory();
        var file = Path.Combine(directory, "pod.yaml");
        File.WriteAllText(file, pod);
        var first = Fingerprints(file);
        Fingerprints(file).ShouldBe(first, "a second run gives the same fingerprints");

        File.WriteAllText(file, "# a comment and a blank line move every line down\n\n" + pod);
        var moved = Fingerprints(file);
        moved.Select(f => f.Fingerprint).ShouldBe(first.Select(f => f.Fingerprint));
        moved.Select(f => f.Line).ShouldBe(first.Select(f => f.Line + 2));
    }

    [Fact]
    public void Text_is_coloured_only_when_asked()
    {
        var pod = CliRunner.TempFile("pod.yaml", GoodPod.Replace("NAME", "p", StringComparison.Ordinal).Replace("registry.example.com", "docker.io", StringComparison.Ordinal));
        var (_, plain, _) = CliRunner.Eval(new EvalOptions { Policies = [Policies], Inputs = [pod] });
        plain.ShouldNotContain("\u001b[");
        var (_, coloured, _) = CliRunner.Eval(new EvalOptions { Policies = [Policies], Inputs = [pod], Color = true });
        coloured.ShouldContain("\u001b[31;1mdeny   \u001b[0m");
    }

    [Fact]
    public async Task Output_files_get_no_colour_and_stdout_redirected_gets_none_either()
    {
        var pod = CliRunner.TempFile("pod.yaml", GoodPod.Replace("NAME", "p", StringComparison.Ordinal).Replace("registry.example.com", "docker.io", StringComparison.Ordinal));
        var text = Path.Combine(TempDirectory(), "out", "report.txt");
        var (code, output, error) = await ProcessRunner.Run(["eval", "-p", Policies, "-o", "text", "-o", "text=" + text, pod]);
        code.ShouldBe(1, error);
        output.ShouldNotContain("\u001b[");
        File.ReadAllText(text).ShouldBe(output, "the same report, to the file and to stdout");
        error.ShouldNotContain("documents evaluated", Case.Sensitive, "no progress line when stderr is not a terminal");
    }

    private static List<(string Fingerprint, int Line)> Fingerprints(string file)
    {
        var (_, output, _) = CliRunner.Eval(new EvalOptions { Policies = [Policies], Inputs = [file], Outputs = ["sarif"] });
        var results = JsonDocument.Parse(output).RootElement.GetProperty("runs")[0].GetProperty("results");
        return results.EnumerateArray()
            .Select(r => (r.GetProperty("partialFingerprints").GetProperty("policylangFinding/v1").GetString() ?? string.Empty,
                r.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32()))
            .ToList();
    }

    private static IEnumerable<JsonElement> Findings(JsonElement json) =>
        json.GetProperty("results").EnumerateArray().SelectMany(r => r.GetProperty("findings").EnumerateArray());

    private static string TempDirectory()
    {
        var directory = Path.Combine(Path.GetTempPath(), "policylang-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }
}
