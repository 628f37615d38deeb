// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Microsoft.Extensions.Logging;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Bundles;

/// <summary>Settings from a config file, environment variables and the command line, in that order of precedence.</summary>
public sealed class HostSettingsTests
{
    private static readonly Dictionary<string, string> NoEnvironment = [];

    [Fact]
    public void The_command_line_wins_over_the_environment_which_wins_over_the_config_file()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var config = Path.Combine(directory, "config.yaml");
        File.WriteAllText(config, """
            bundle: /policies/policies.bundle
            tls-cert: /certs/tls.crt
            tls-key: /certs/tls.key
            port: 9443
            failure-mode: closed
            deadline: 800ms
            exclude-namespaces: [kube-system, kube-public]
            decision-log-level: debug
            """);
        var environment = new Dictionary<string, string>
        {
            ["POLICYLANG_CONFIG"] = config,
            ["POLICYLANG_PORT"] = "10443",
            ["POLICYLANG_NAMESPACE"] = "policylang-system",
            ["POLICYLANG_MAX_CONCURRENCY"] = "16",
        };
        var commandLine = new Dictionary<string, IReadOnlyList<string>> { ["port"] = ["11443"], ["failure-mode"] = ["open"] };
        var errors = new List<string>();

        var options = HostSettings.Resolve(commandLine, environment, errors);

        errors.ShouldBeEmpty();
        options.Bundle.ShouldBe("/policies/policies.bundle");
        options.TlsCert.ShouldBe("/certs/tls.crt");
        options.Port.ShouldBe(11443);
        options.FailureMode.ShouldBe(FailureMode.Open);
        options.Deadline.ShouldBe(TimeSpan.FromMilliseconds(800));
        options.MaxConcurrency.ShouldBe(16);
        options.DecisionLogLevel.ShouldBe(LogLevel.Debug);
        options.ExcludedNamespaces.ShouldBe(["kube-system", "kube-public", "policylang-system"]);
    }

    [Fact]
    public void Defaults_are_safe_for_a_cluster()
    {
        var options = HostSettings.Resolve(new Dictionary<string, IReadOnlyList<string>> { ["bundle"] = ["b"], ["tls-cert"] = ["c"], ["tls-key"] = ["k"] }, NoEnvironment, []);

        options.Port.ShouldBe(8443);
        options.FailureMode.ShouldBe(FailureMode.Open);
        options.Deadline.ShouldBe(TimeSpan.FromSeconds(2));
        options.ExcludedNamespaces.ShouldBe(["kube-system"]);
        options.Insecure.ShouldBeFalse();
    }

    [Theory]
    [InlineData(new[] { "tls-cert=c", "tls-key=k" }, "give either a bundle (--bundle FILE) or policy sources (-p DIR), not both and not neither")]
    [InlineData(new[] { "bundle=b" }, "HTTPS needs --tls-cert FILE and --tls-key FILE (plain HTTP only with --insecure, for tests)")]
    [InlineData(new[] { "bundle=b", "insecure=true", "tls-cert=c" }, "--insecure serves plain HTTP: leave out --tls-cert and --tls-key")]
    [InlineData(new[] { "bundle=b", "insecure=true", "port=70000" }, "--port: '70000' is not a port number (1-65535)")]
    [InlineData(new[] { "bundle=b", "insecure=true", "failure-mode=maybe" }, "--failure-mode: 'maybe' is not open or closed")]
    [InlineData(new[] { "bundle=b", "insecure=true", "deadline=soon" }, "--deadline: 'soon' is not a duration (250ms, 2s)")]
    public void Bad_settings_are_reported_with_their_source(string[] settings, string error)
    {
        var commandLine = settings.Select(s => s.Split('=')).ToDictionary(p => p[0], p => (IReadOnlyList<string>)[p[1]]);
        var errors = new List<string>();

        HostSettings.Resolve(commandLine, NoEnvironment, errors);

        errors.ShouldContain(error);
    }

    [Fact]
    public void Unknown_keys_in_the_config_file_are_errors_with_their_place()
    {
        var config = Path.Combine(TestPaths.NewTemporaryDirectory(), "c.yaml");
        File.WriteAllText(config, "bundle: b\ninsecure: true\ntls-crt: x\n");
        var errors = new List<string>();

        HostSettings.Resolve(new Dictionary<string, IReadOnlyList<string>> { ["config"] = [config] }, NoEnvironment, errors);

        errors.ShouldBe([$"{config}:3:1: unknown setting 'tls-crt'"]);
    }

    [Fact]
    public void Every_setting_has_an_environment_variable()
    {
        HostSettings.EnvironmentName("tls-cert").ShouldBe("POLICYLANG_TLS_CERT");
        HostSettings.EnvironmentName("exclude-namespaces").ShouldBe("POLICYLANG_EXCLUDE_NAMESPACES");
    }
}
