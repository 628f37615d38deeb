// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.IO.Compression;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace PolicyLang.Extension.Tests;

/// <summary>The extension installs from its lockfile, passes its own tests and packages into a working .vsix.</summary>
public sealed partial class ExtensionBuildTests(ExtensionBuild build) : IClassFixture<ExtensionBuild>
{
    [Fact]
    public void Npm_ci_installs_the_locked_dependencies() =>
        build.NpmCi.Succeeded.ShouldBeTrue(build.NpmCi.Describe());

    [Fact]
    public void Npm_test_passes_the_grammar_snapshot_unit_and_packaging_tests()
    {
        build.NpmTest.Succeeded.ShouldBeTrue(build.NpmTest.Describe());
        // Each suite reports itself; a script that silently ran nothing would not.
        build.NpmTest.Output.ShouldContain("syntaxes/policylang.tmLanguage.json is up to date.");
        build.NpmTest.Output.ShouldContain("test/grammar/rules.policy run successfuly.");
        build.NpmTest.Output.ShouldContain("test/grammar-baselines/everything.policy run successfully.");
        build.NpmTest.Output.ShouldMatch(@"# pass [1-9]\d*\s+# fail 0");
        // The language-server suite ran against the CLI rather than skipping.
        build.NpmTest.Output.ShouldMatch(@"ok \d+ - against the real language server\r?\n");
        build.NpmTest.Output.ShouldNotContain("POLICYLANG_SERVER is not set");
    }

    [Fact]
    public void Vsce_package_produces_a_vsix()
    {
        build.VscePackage.Succeeded.ShouldBeTrue(build.VscePackage.Describe());
        File.Exists(build.VsixPath).ShouldBeTrue($"{build.VsixPath} was not written:\n{build.VscePackage.Describe()}");
    }

    [Fact]
    public void The_vsix_holds_the_manifest_grammar_configuration_snippets_and_compiled_code()
    {
        using var vsix = OpenVsix();
        var names = vsix.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        string[] expected =
        [
            "extension.vsixmanifest",
            "extension/package.json",
            "extension/syntaxes/policylang.tmLanguage.json",
            "extension/language-configuration.json",
            "extension/snippets/policylang.json",
            "extension/out/extension.js",
        ];
        expected.Where(name => !names.Contains(name)).ShouldBeEmpty();
        names.Where(name => name.StartsWith("extension/src/", StringComparison.Ordinal)
                || name.StartsWith("extension/node_modules/", StringComparison.Ordinal)
                || name.StartsWith("extension/out/src/", StringComparison.Ordinal)
                || name.EndsWith(".ts", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    [Fact]
    public void The_bundle_carries_the_language_client_and_needs_only_VS_Code_and_Node()
    {
        using var vsix = OpenVsix();
        var bundle = ReadEntry(vsix, "extension/out/extension.js");
        bundle.ShouldContain("workspace/executeCommand");
        bundle.ShouldContain("policylang.evaluateFile");
        var required = RequireCall().Matches(bundle).Select(m => m.Groups[1].Value).Distinct().ToList();
        required.ShouldContain("vscode");
        required.Where(module => module != "vscode" && !NodeModule().IsMatch(module)).ShouldBeEmpty();
    }

    [Fact]
    public void The_packaged_manifest_contributes_the_language_grammar_and_commands_with_files_that_exist()
    {
        using var vsix = OpenVsix();
        using var manifest = JsonDocument.Parse(ReadEntry(vsix, "extension/package.json"));
        var root = manifest.RootElement;
        var contributes = root.GetProperty("contributes");

        var language = contributes.GetProperty("languages")[0];
        language.GetProperty("id").GetString().ShouldBe("policylang");
        language.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()).ShouldBe([".policy"]);
        var grammar = contributes.GetProperty("grammars")[0];
        grammar.GetProperty("scopeName").GetString().ShouldBe("source.policylang");

        string[] files = [root.GetProperty("main").GetString() ?? "", grammar.GetProperty("path").GetString() ?? "", language.GetProperty("configuration").GetString() ?? "", contributes.GetProperty("snippets")[0].GetProperty("path").GetString() ?? ""];
        foreach (var file in files)
        {
            vsix.GetEntry("extension/" + file.TrimStart('.', '/')).ShouldNotBeNull($"{file} is named in package.json but not packaged");
        }

        contributes.GetProperty("commands").EnumerateArray().Select(c => c.GetProperty("command").GetString())
            .ShouldBe(["policylang.evaluatePolicy", "policylang.runTests", "policylang.restartServer"], ignoreOrder: true);
        var settings = contributes.GetProperty("configuration").GetProperty("properties");
        settings.GetProperty("policylang.server.path").GetProperty("default").GetString().ShouldBe("policylang");
        settings.TryGetProperty("policylang.trace.server", out _).ShouldBeTrue();
    }

    [Fact]
    public void The_packaged_grammar_is_the_committed_one()
    {
        using var vsix = OpenVsix();
        var packaged = ReadEntry(vsix, "extension/syntaxes/policylang.tmLanguage.json");
        packaged.ShouldBe(File.ReadAllText(Path.Combine(RepositoryPaths.Extension, "syntaxes", "policylang.tmLanguage.json")));
        using var grammar = JsonDocument.Parse(packaged);
        grammar.RootElement.GetProperty("repository").EnumerateObject().Count().ShouldBeGreaterThan(20);
    }

    private ZipArchive OpenVsix()
    {
        File.Exists(build.VsixPath).ShouldBeTrue($"no .vsix: {build.VscePackage.Describe()}");
        return ZipFile.OpenRead(build.VsixPath);
    }

    private static string ReadEntry(ZipArchive archive, string name)
    {
        var entry = archive.GetEntry(name);
        entry.ShouldNotBeNull($"{name} is not in the .vsix");
        using var reader = new StreamReader(entry.Open());
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"require\(""([^""]+)""\)")]
    private static partial Regex RequireCall();

    /// <summary>Node's own modules that the language client uses (a bundled package would show up as another name).</summary>
    [GeneratedRegex("^(node:)?(child_process|crypto|fs|net|os|path|readline|util|events|stream|url|buffer|assert|tty|worker_threads)$")]
    private static partial Regex NodeModule();
}
