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

        errors.ShouldBe([$"{config}:3:1: unknown setting 'tls-crt'; did you mean 'tls-cert'?"]);
    }

    /// <summary>Every setting with a non-default value and how to see it in the options.</summary>
    private static readonly Dictionary<string, (string Text, Func<AdmissionHostOptions, object?> Read, object Expected)> EverySetting = new(StringComparer.Ordinal)
    {
        ["bundle"] = ("/b/p.bundle", o => o.Bundle, "/b/p.bundle"),
        ["policies"] = ("/p1,/p2", o => string.Join("|", o.PolicyPaths), "/p1|/p2"),
        ["bindings"] = ("/b/bindings.yaml", o => o.Bindings, "/b/bindings.yaml"),
        ["verify-key"] = ("/k/v.pub", o => o.VerifyKey, "/k/v.pub"),
        ["address"] = ("127.0.0.2", o => o.Address, "127.0.0.2"),
        ["port"] = ("9999", o => o.Port, 9999),
        ["tls-cert"] = ("/t/tls.crt", o => o.TlsCert, "/t/tls.crt"),
        ["tls-key"] = ("/t/tls.key", o => o.TlsKey, "/t/tls.key"),
        ["insecure"] = ("true", o => o.Insecure, true),
        ["failure-mode"] = ("closed", o => o.FailureMode, FailureMode.Closed),
        ["deadline"] = ("750ms", o => o.Deadline, TimeSpan.FromMilliseconds(750)),
        ["exclude-namespaces"] = ("a,b-*", o => string.Join("|", o.ExcludeNamespaces), "a|b-*"),
        ["namespace"] = ("own", o => o.OwnNamespace, "own"),
        ["max-body-bytes"] = ("1000", o => o.MaxBodyBytes, 1000L),
        ["max-concurrency"] = ("3", o => o.MaxConcurrency, 3),
        ["reload-interval"] = ("2s", o => o.ReloadInterval, TimeSpan.FromSeconds(2)),
        ["log-level"] = ("warning", o => o.LogLevel, LogLevel.Warning),
        ["decision-log-level"] = ("none", o => o.DecisionLogLevel, LogLevel.None),
    };

    [Fact]
    public void Every_setting_is_read_from_the_environment_and_from_the_config_file()
    {
        EverySetting.Keys.Order(StringComparer.Ordinal).ShouldBe(HostSettings.Names.Where(n => n != "config").Order(StringComparer.Ordinal));
        var file = Path.Combine(TestPaths.NewTemporaryDirectory(), "all.yaml");
        File.WriteAllText(file, string.Join("\n", EverySetting.Select(s => $"{s.Key}: \"{s.Value.Text}\"")) + "\n");

        var fromEnvironment = HostSettings.Resolve(new Dictionary<string, IReadOnlyList<string>>(), EverySetting.ToDictionary(s => HostSettings.EnvironmentName(s.Key), s => s.Value.Text), []);
        var fromFile = HostSettings.Resolve(new Dictionary<string, IReadOnlyList<string>>(), new Dictionary<string, string> { ["POLICYLANG_CONFIG"] = file }, []);

        foreach (var (name, (_, read, expected)) in EverySetting)
        {
            read(fromEnvironment).ShouldBe(expected, $"${HostSettings.EnvironmentName(name)}");
            read(fromFile).ShouldBe(expected, $"{name} in the config file");
            read(new AdmissionHostOptions()).ShouldNotBe(expected, $"{name}: the test value must differ from the default");
        }
    }

    [Fact]
    public void Every_setting_is_an_option_of_serve_admission()
    {
        var admission = PolicyLang.Cli.Commands.ServeCommand.Create().Subcommands.Single(c => c.Name == "admission");
        var options = admission.Options.Select(o => o.Name.TrimStart('-')).ToHashSet(StringComparer.Ordinal);

        foreach (var name in HostSettings.Names)
        {
            var option = name switch { "policies" => "policy", "exclude-namespaces" => "exclude-namespace", _ => name };
            options.ShouldContain(option, $"serve admission has no --{option} for the setting {name}");
        }
    }

    [Fact]
    public void A_mistyped_config_key_gets_a_suggestion()
    {
        var config = Path.Combine(TestPaths.NewTemporaryDirectory(), "c.yaml");
        File.WriteAllText(config, "bundle: b\ninsecure: true\nfailure-mod: closed\n");
        var errors = new List<string>();

        HostSettings.Resolve(new Dictionary<string, IReadOnlyList<string>> { ["config"] = [config] }, NoEnvironment, errors);

        errors.ShouldBe([$"{config}:3:1: unknown setting 'failure-mod'; did you mean 'failure-mode'?"]);
    }
}
