// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Extension.Tests;

/// <summary>
/// Builds the extension once as a fresh clone would: <c>npm ci</c> (from the lockfile), <c>npm test</c>
/// (grammar, snapshot, unit, language-server and packaging tests; the server is the CLI built beside these tests,
/// started as <c>dotnet policylang.dll lsp</c>) and <c>vsce package</c> into a temporary folder.
/// A step whose predecessor failed is not run, and says so.
/// </summary>
public sealed class ExtensionBuild : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(6);

    private static readonly Dictionary<string, string> QuietNpm = new()
    {
        ["CI"] = "true",
        ["NO_COLOR"] = "1",
        ["npm_config_audit"] = "false",
        ["npm_config_fund"] = "false",
        ["npm_config_update_notifier"] = "false",
        ["npm_config_progress"] = "false",
    };

    private readonly string _outputDirectory = Path.Combine(Path.GetTempPath(), "policylang-extension-tests", Guid.NewGuid().ToString("N"));

    public ExtensionBuild()
    {
        Directory.CreateDirectory(_outputDirectory);
        VsixPath = Path.Combine(_outputDirectory, "policylang.vsix");
        var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        NpmCi = ProcessRunner.Run(npm, ["ci"], RepositoryPaths.Extension, StepTimeout, QuietNpm);
        NpmTest = NpmCi.Succeeded
            ? ProcessRunner.Run(npm, ["test"], RepositoryPaths.Extension, StepTimeout, new Dictionary<string, string>(QuietNpm) { ["POLICYLANG_SERVER"] = ServerSetting })
            : NotRun("npm test", NpmCi);
        // The vsce the lockfile pins, as `npx @vscode/vsce package` runs it.
        var vsce = Path.Combine("node_modules", "@vscode", "vsce", "vsce");
        VscePackage = NpmCi.Succeeded
            ? ProcessRunner.Run("node", [vsce, "package", "--allow-missing-repository", "--out", VsixPath], RepositoryPaths.Extension, StepTimeout, QuietNpm)
            : NotRun("vsce package", NpmCi);
    }

    /// <summary>The <c>policylang.server.path</c> value the server tests use: the CLI built with these tests.</summary>
    public static string ServerSetting => $"dotnet \"{Path.Combine(AppContext.BaseDirectory, "policylang.dll")}\"";

    public ProcessResult NpmCi { get; }

    public ProcessResult NpmTest { get; }

    public ProcessResult VscePackage { get; }

    public string VsixPath { get; }

    private static ProcessResult NotRun(string step, ProcessResult failed) =>
        new(step, -1, false, $"not run: {failed.Describe()}", TimeSpan.Zero);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
