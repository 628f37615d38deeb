// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Extension.Tests;

/// <summary>A fresh clone builds the extension from sources: nothing installed or built is committed.</summary>
public sealed class RepositoryHygieneTests
{
    [Fact]
    public void No_installed_or_built_file_of_the_extension_is_committed()
    {
        var listing = ProcessRunner.Run("git", ["ls-files", "--", "vscode-extension"], RepositoryPaths.Root, TimeSpan.FromMinutes(1));
        listing.Succeeded.ShouldBeTrue(listing.Describe());
        var files = listing.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        files.ShouldContain("vscode-extension/package-lock.json");
        files.ShouldContain("vscode-extension/syntaxes/policylang.tmLanguage.json");
        files.Where(f => f.StartsWith("vscode-extension/node_modules/", StringComparison.Ordinal)
                || f.StartsWith("vscode-extension/out/", StringComparison.Ordinal)
                || f.EndsWith(".vsix", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }

    [Fact]
    public void Git_ignores_what_npm_and_vsce_write()
    {
        foreach (var path in new[] { "vscode-extension/node_modules/x.js", "vscode-extension/out/src/extension.js", "vscode-extension/policylang-0.1.0.vsix" })
        {
            var check = ProcessRunner.Run("git", ["check-ignore", "--no-index", "-q", path], RepositoryPaths.Root, TimeSpan.FromMinutes(1));
            check.ExitCode.ShouldBe(0, $"{path} is not ignored: {check.Describe()}");
        }
    }
}
