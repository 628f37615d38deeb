// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Binding;

/// <summary>A test's <c>with</c> sets a parameter of its own package or, through an import or a full name, of another.</summary>
public sealed class TestParameterSettingTests
{
    private const string Library = """
        package lib.versions

        /// The version.
        param version: string = "latest"

        func since(v: string): bool = version >= v
        """;

    [Fact]
    public void With_sets_a_parameter_of_an_imported_package_by_alias_or_full_name()
    {
        const string policy = """
            package app
            import lib.versions as lv

            param mode: string = "strict"

            @severity(low)
            rule r on workload w when lv.since("v1.2") and mode == "strict" {
              deny "old"
            }

            test "settings" {
              with lv.version = "v1.1"
              with lib.versions.version = "v1.3"
              with app.mode = "lax"
              with mode = "strict"
              given manifest "{apiVersion: v1, kind: Pod, metadata: {name: p}}"
              expect deny r
            }
            """;
        var compilation = Compilation.Create([new SourceText("lib.policy", Library), new SourceText("app.policy", policy)]);
        compilation.GetDiagnostics().ShouldBeEmpty();
        var test = compilation.GetSemanticModel().Program.Packages.Single(p => p.Symbol.Name == "app").Tests.Single();
        test.Settings.Select(s => $"{s.Parameter.Package.Name}.{s.Parameter.Name}={s.Value}").ShouldBe(
            ["lib.versions.version=v1.1", "lib.versions.version=v1.3", "app.mode=lax", "app.mode=strict"]);
    }

    [Fact]
    public void With_reports_an_unknown_package_or_parameter()
    {
        const string policy = """
            package app
            import lib.versions as lv

            @severity(low)
            rule r on workload w when lv.since("v1.2") {
              deny "old"
            }

            test "settings" {
              with lx.version = "v1.1"
              with lv.verison = "v1.1"
              given manifest "{apiVersion: v1, kind: Pod, metadata: {name: p}}"
              expect deny r
            }
            """;
        var compilation = Compilation.Create([new SourceText("lib.policy", Library), new SourceText("app.policy", policy)]);
        compilation.GetDiagnostics().Select(d => $"{d.Code}: {d.Message}").ShouldBe(
        [
            "PL0102: no package named 'lx' is among the compiled files; did you mean 'lv'?",
            "PL0117: 'verison' is not a parameter of package lib.versions; did you mean 'version'?",
        ]);
    }
}
