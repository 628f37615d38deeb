// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Commands;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Bundles;

/// <summary>policylang keygen, build, verify-bundle and inspect, as a user runs them.</summary>
public sealed class CommandTests
{
    private static (int Code, string Output, string Error) Run(Func<TextWriter, TextWriter, int> command)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = command(output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Keygen_build_sign_verify_and_inspect()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var key = Path.Combine(directory, "release");
        var other = Path.Combine(directory, "other");
        var bundle = Path.Combine(directory, "out", "policies.bundle");
        var bindings = Path.Combine(directory, "bindings.yaml");
        File.WriteAllText(bindings, "apiVersion: policylang.io/v1\nkind: Bindings\nbindings:\n  - rule: HT-002\n    enforcement: audit\n");

        Run((o, e) => KeygenCommand.Run(key, force: false, o, e)).Code.ShouldBe(0);
        Run((o, e) => KeygenCommand.Run(other, force: false, o, e)).Code.ShouldBe(0);
        var again = Run((o, e) => KeygenCommand.Run(key, force: false, o, e));
        var built = Run((o, e) => BuildCommand.Run([TestPolicies.Standard], bindings, [], key + ".key", bundle, noCache: true, DateTimeOffset.UtcNow, o, e));
        var verified = Run((o, e) => VerifyBundleCommand.Run(bundle, key + ".pub", o, e));
        var refused = Run((o, e) => VerifyBundleCommand.Run(bundle, other + ".pub", o, e));
        var inspected = Run((o, e) => InspectCommand.Run(bundle, "text", o, e));
        var json = Run((o, e) => InspectCommand.Run(bundle, "json", o, e));

        again.Code.ShouldBe(2);
        again.Error.ShouldContain("use --force to overwrite");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(key + ".key").ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        built.Code.ShouldBe(0, built.Error);
        built.Output.ShouldStartWith($"wrote {bundle}: 3 policies, 10 rules, signed with key ");
        verified.Code.ShouldBe(0, verified.Error);
        verified.Output.ShouldContain(": ok: signed with key ");
        refused.Code.ShouldBe(1);
        refused.Error.ShouldContain("not by the trusted key");
        inspected.Code.ShouldBe(0);
        inspected.Output.ShouldContain("format:     1");
        inspected.Output.ShouldContain("signature:  ecdsa-p256-sha256, key ");
        inspected.Output.ShouldContain("  rule HT-002: enforcement audit");
        inspected.Output.ShouldContain("rule HT-010 (protect_namespaces) on admission: critical, deny, kinds [Namespace], operations [DELETE]");
        inspected.Output.ShouldContain("pods.policy sha256 ");
        json.Output.ShouldContain("\"formatVersion\": 1");
    }

    [Fact]
    public void Build_reports_bad_parameters_and_bindings_before_writing()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var bundle = Path.Combine(directory, "p.bundle");

        var badParam = Run((o, e) => BuildCommand.Run([TestPolicies.Standard], null, ["nope=1"], null, bundle, noCache: true, DateTimeOffset.UtcNow, o, e));
        var missingKey = Run((o, e) => BuildCommand.Run([TestPolicies.Standard], null, [], Path.Combine(directory, "missing.key"), bundle, noCache: true, DateTimeOffset.UtcNow, o, e));

        badParam.Code.ShouldBe(2);
        badParam.Error.ShouldContain("parameter nope: no loaded policy declares it");
        missingKey.Code.ShouldBe(2);
        missingKey.Error.ShouldContain("cannot read the key");
        File.Exists(bundle).ShouldBeFalse();
    }

    [Fact]
    public void Inspect_and_verify_explain_files_that_are_not_bundles()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var path = Path.Combine(directory, "x.bundle");
        File.WriteAllText(path, "hello");
        Run((o, e) => KeygenCommand.Run(Path.Combine(directory, "k"), force: false, o, e));

        var inspected = Run((o, e) => InspectCommand.Run(path, "text", o, e));
        var verified = Run((o, e) => VerifyBundleCommand.Run(path, Path.Combine(directory, "k.pub"), o, e));

        inspected.Code.ShouldBe(2);
        inspected.Error.ShouldContain("not a PolicyLang bundle");
        verified.Code.ShouldBe(1);
        verified.Error.ShouldContain("not a PolicyLang bundle");
    }
}
