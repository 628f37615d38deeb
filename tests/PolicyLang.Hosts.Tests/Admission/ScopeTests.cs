// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Nodes;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>Each rule's own match scope at admission, over HTTPS; and a rule failing on one object is counted per rule.</summary>
public sealed class ScopeTests : IAsyncLifetime
{
    private HostHarness? _host;

    private HostHarness Host => _host ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), TestPolicies.Bundle(TestPaths.TestData("scopes")));
        _host = await HostHarness.StartAsync(directory);
        await _host.WaitReadyAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private static JsonObject Labels(params string[] pairs) =>
        new(pairs.Select(p => p.Split('=')).Select(p => KeyValuePair.Create(p[0], (JsonNode?)JsonValue.Create(p[1]))));

    private async Task<JsonObject> ValidateAsync(string operation, JsonObject obj) =>
        await Host.ReviewAsync("/validate", Reviews.Review(operation, obj, operation == "UPDATE" ? obj : null));

    [Theory]
    [InlineData("prod-eu", "Deployment", "tier=web", false)]
    [InlineData("prod-eu", "Deployment", "tier=api", false)]
    [InlineData("prod-eu", "Deployment", "tier=batch", true)]
    [InlineData("prod-eu", "Deployment", "tier=web,legacy=yes", true)]
    [InlineData("staging", "Deployment", "tier=web", true)]
    [InlineData("prod-eu", "ConfigMap", "tier=web", true)]
    public async Task Namespaces_label_selectors_and_excluded_kinds_decide_where_a_rule_applies(string ns, string kind, string labels, bool allowed)
    {
        var obj = Reviews.Object(kind == "ConfigMap" ? "v1" : "apps/v1", kind, "shop-web", ns, Labels(labels.Split(',')));

        var response = await ValidateAsync("CREATE", obj);

        response["allowed"]?.GetValue<bool>().ShouldBe(allowed);
        if (!allowed)
        {
            response["status"]?["message"]?.GetValue<string>().ShouldBe($"denied by PolicyLang: [SC-001] {kind} shop-web in production needs an owner annotation (at /metadata/annotations)");
        }
    }

    [Theory]
    [InlineData("CREATE", "shop", "debug-shell", false)]
    [InlineData("UPDATE", "shop", "debug-shell", true)]
    [InlineData("CREATE", "sandbox", "debug-shell", true)]
    [InlineData("CREATE", "shop", "web-debug", true)]
    public async Task Names_operations_and_excluded_namespaces_decide_too(string operation, string ns, string name, bool allowed)
    {
        var response = await ValidateAsync(operation, Reviews.Object("v1", "ConfigMap", name, ns));

        response["allowed"]?.GetValue<bool>().ShouldBe(allowed);
    }

    [Fact]
    public async Task A_rule_that_fails_on_an_object_is_counted_per_rule_and_the_others_still_judge()
    {
        var broken = Reviews.Object("v1", "ConfigMap", "debug-x", "patterns", annotations: new JsonObject { ["name-pattern"] = "(" });
        var mismatched = Reviews.Object("v1", "ConfigMap", "web", "patterns", annotations: new JsonObject { ["name-pattern"] = "^api-" });

        var failed = await ValidateAsync("CREATE", broken);
        var denied = await ValidateAsync("CREATE", mismatched);

        // Fail-open (the default): SC-003 failing adds a warning, and SC-002 still denies the debug object.
        failed["allowed"]?.GetValue<bool>().ShouldBeFalse();
        failed["status"]?["message"]?.GetValue<string>().ShouldBe("denied by PolicyLang: [SC-002] ConfigMap debug-x: debug objects are not admitted (at /metadata/name)");
        failed["warnings"]?.AsArray().Single()?.GetValue<string>().ShouldStartWith("could not be evaluated (allowed: the webhook fails open): [SC-003] rule SC-003 failed: ");
        denied["status"]?["message"]?.GetValue<string>().ShouldBe("denied by PolicyLang: [SC-003] web does not match ^api- (at /metadata/name)");
        var metrics = await Host.MetricsAsync();
        metrics.ShouldContain("policylang_rule_evaluation_errors_total{rule=\"SC-003\"} 1\n");
        metrics.ShouldContain("policylang_admission_failures_total{reason=\"rule_error\",mode=\"open\"} 1\n");
    }
}
