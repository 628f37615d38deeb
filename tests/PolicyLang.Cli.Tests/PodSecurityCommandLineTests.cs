// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// The Pod Security Standards through the command line as users run them: the level chosen by path (the baseline
/// folder, or both folders for restricted), the standard's version by <c>--param version=…</c> (default latest), and
/// pod controllers judged by their template.
/// </summary>
public sealed class PodSecurityCommandLineTests
{
    private static readonly string PodSecurity = Path.Combine(RepositoryPaths.Root, "policies-stdlib", "kubernetes", "pod-security");
    private static readonly string Baseline = Path.Combine(PodSecurity, "baseline");

    // Restricted in every way but one: allowPrivilegeEscalation is unset, which restricted forbids since v1.8.
    private const string PodSpec = """
          securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
          containers:
            - name: app
              image: registry.k8s.io/pause:3.9
              securityContext: {capabilities: {drop: [ALL]}}
        """;

    private static readonly string Pod = CliRunner.TempFile("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n" + PodSpec);

    [Fact]
    public void The_baseline_folder_enforces_baseline_and_both_folders_enforce_restricted()
    {
        var (baselineCode, baselineOutput, _) = CliRunner.Eval([Baseline], [Pod]);
        baselineCode.ShouldBe(0, baselineOutput);
        Findings(baselineOutput).ShouldBeEmpty();

        var (restrictedCode, restrictedOutput, _) = CliRunner.Eval([PodSecurity], [Pod]);
        restrictedCode.ShouldBe(1);
        var finding = Findings(restrictedOutput).ShouldHaveSingleItem();
        finding.Rule.ShouldBe("allow_privilege_escalation");
        finding.Path.ShouldBe("/spec/containers/0/securityContext/allowPrivilegeEscalation");
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("latest", 1)]
    [InlineData("v1.37", 1)]
    [InlineData("v1.8", 1)]
    [InlineData("v1.7", 0)]
    [InlineData("v1.0", 0)]
    public void The_version_parameter_applies_each_control_from_the_version_that_introduced_it(string? version, int exitCode)
    {
        var (code, output, _) = CliRunner.Eval([PodSecurity], [Pod], parameters: version is null ? [] : [$"version={version}"]);
        code.ShouldBe(exitCode, output);
        Findings(output).Where(f => f.Action == "deny").Select(f => f.Rule).ShouldBe(exitCode == 0 ? [] : ["allow_privilege_escalation"]);
    }

    [Fact]
    public void A_version_that_is_not_one_warns_and_is_enforced_as_latest()
    {
        var (code, output, _) = CliRunner.Eval([PodSecurity], [Pod], parameters: ["version=1.8"]);
        code.ShouldBe(1);
        var findings = Findings(output);
        findings.ShouldContain(f => f.Action == "warn" && f.Rule == "valid_version");
        findings.ShouldContain(f => f.Action == "deny" && f.Rule == "allow_privilege_escalation");
    }

    [Theory]
    [InlineData("apps/v1", "Deployment", "/spec/template/spec")]
    [InlineData("apps/v1", "StatefulSet", "/spec/template/spec")]
    [InlineData("apps/v1", "DaemonSet", "/spec/template/spec")]
    [InlineData("batch/v1", "Job", "/spec/template/spec")]
    [InlineData("batch/v1", "CronJob", "/spec/jobTemplate/spec/template/spec")]
    public void Pod_controllers_are_denied_with_the_path_into_their_template(string apiVersion, string kind, string specPath)
    {
        var indented = string.Join('\n', PodSpec.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', specPath.Count(c => c == '/') * 2 - 2) + l));
        var template = kind == "CronJob"
            ? "spec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n"
            : "spec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n";
        var input = CliRunner.TempFile("controller.yaml", $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata: {{name: c, namespace: shop}}\n{template}{indented}\n");

        var (code, output, _) = CliRunner.Eval([PodSecurity], [input]);

        code.ShouldBe(1, output);
        var finding = Findings(output).ShouldHaveSingleItem();
        finding.Rule.ShouldBe("allow_privilege_escalation");
        finding.Path.ShouldBe(specPath + "/containers/0/securityContext/allowPrivilegeEscalation");
    }

    private static List<(string Rule, string Action, string Path)> Findings(string output) =>
        CliRunner.Json(output).GetProperty("results").EnumerateArray()
            .SelectMany(r => r.GetProperty("findings").EnumerateArray())
            .Select(f => (f.GetProperty("rule").GetString() ?? string.Empty, f.GetProperty("action").GetString() ?? string.Empty, f.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() ?? string.Empty : string.Empty))
            .ToList();
}
