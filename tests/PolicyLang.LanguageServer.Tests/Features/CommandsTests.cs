// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Cli.Lsp;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>
/// <c>workspace/executeCommand</c> with the CLI's tools: <c>policylang.evaluateFile</c> answers the
/// <c>policylang eval -o json</c> object for the open buffer; <c>policylang.runTests</c> the file's tests.
/// </summary>
public sealed class CommandsTests
{
    private const string Pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: app, image: ghcr.io/app, securityContext: {privileged: true}}\n";

    private static Task<JsonElement> ExecuteAsync(ServerFixture fixture, string command, params object[] arguments) =>
        fixture.Client.RequestAsync<JsonElement>("workspace/executeCommand", new { command, arguments });

    [Fact]
    public async Task EvaluateFile_returns_the_eval_json_with_findings_for_the_buffer_text()
    {
        await using var fixture = await ServerFixture.StartAsync(new CliPolicyTools());
        var input = fixture.Workspace.PathOf("pod.yaml");
        File.WriteAllText(input, Pod);
        await fixture.Client.OpenAsync(fixture.PolicyUri, Samples.Policy);
        var result = await ExecuteAsync(fixture, "policylang.evaluateFile", fixture.PolicyUri, input);
        result.GetProperty("summary").GetProperty("deny").GetInt32().ShouldBe(1);
        var finding = result.GetProperty("results").EnumerateArray().Single().GetProperty("findings").EnumerateArray().Single();
        finding.GetProperty("rule").GetString().ShouldBe("no_privileged");
        finding.GetProperty("id").GetString().ShouldBe("ACME-1");
        finding.GetProperty("path").GetString().ShouldBe("/spec/containers/0/securityContext/privileged");

        // Unsaved edits count: the buffer's rule now warns instead of denying.
        await fixture.Client.ChangeAsync(fixture.PolicyUri, 2, new TextDocumentContentChangeEvent(Samples.Policy.Replace("    deny \"container", "    warn \"container", StringComparison.Ordinal)));
        var edited = await ExecuteAsync(fixture, "policylang.evaluateFile", fixture.PolicyUri, input);
        edited.GetProperty("summary").GetProperty("deny").GetInt32().ShouldBe(0);
        edited.GetProperty("summary").GetProperty("warn").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task RunTests_returns_each_test_and_the_uncovered_rules()
    {
        await using var fixture = await ServerFixture.StartAsync(new CliPolicyTools());
        var policy = Samples.Policy + "\n@severity(low)\nrule untested on workload w {\n  warn \"x\" when w.name == \"never\"\n}\n\ntest \"wrong expectation\" {\n  given manifest \"{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: x}]}}\"\n  expect deny no_privileged\n}\n";
        await fixture.Client.OpenAsync(fixture.PolicyUri, policy);
        var result = await ExecuteAsync(fixture, "policylang.runTests", fixture.PolicyUri);
        var tests = result.GetProperty("tests").EnumerateArray().ToArray();
        tests.Select(t => (t.GetProperty("name").GetString(), t.GetProperty("passed").GetBoolean())).ShouldBe([
            ("acme.pods: \"privileged is denied\"", true),
            ("acme.pods: \"wrong expectation\"", false),
        ]);
        tests[0].GetProperty("message").GetString().ShouldBe(string.Empty);
        tests[1].GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("expected at least one deny");
        result.GetProperty("uncoveredRules").EnumerateArray().Select(r => r.GetString()).ShouldHaveSingleItem().ShouldNotBeNull().ShouldContain("acme.pods.untested");
    }

    [Fact]
    public async Task Bad_arguments_unknown_commands_and_broken_policies_are_errors_with_a_message()
    {
        await using var fixture = await ServerFixture.StartAsync(new CliPolicyTools());
        await fixture.Client.OpenAsync(fixture.PolicyUri, Samples.Policy);
        // StreamJsonRpc reports InvalidParams (-32602) to the caller as a RemoteMethodNotFoundException.
        (await Should.ThrowAsync<RemoteMethodNotFoundException>(() => ExecuteAsync(fixture, "policylang.evaluateFile", fixture.PolicyUri))).ErrorCode.ShouldBe(JsonRpcErrorCode.InvalidParams);
        (await Should.ThrowAsync<RemoteMethodNotFoundException>(() => ExecuteAsync(fixture, "policylang.nothing"))).Message.ShouldContain("unknown command 'policylang.nothing'");
        var missing = await Should.ThrowAsync<RemoteInvocationException>(() => ExecuteAsync(fixture, "policylang.evaluateFile", fixture.PolicyUri, fixture.Workspace.PathOf("missing.yaml")));
        missing.ErrorCode.ShouldBe(LspErrorCodes.RequestFailed);
        missing.Message.ShouldContain("no such file");
        await fixture.Client.ChangeAsync(fixture.PolicyUri, 2, new TextDocumentContentChangeEvent(Samples.Policy.Replace("c.securityContext.privileged ==", "c.securityContext.privilegd ==", StringComparison.Ordinal)));
        var broken = await Should.ThrowAsync<RemoteInvocationException>(() => ExecuteAsync(fixture, "policylang.runTests", fixture.PolicyUri));
        broken.Message.ShouldContain("PL0200");
    }
}
