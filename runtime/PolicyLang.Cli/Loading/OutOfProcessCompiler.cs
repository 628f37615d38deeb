// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Reflection;

namespace PolicyLang.Cli.Loading;

/// <summary>
/// Fills the compile cache from a child <c>policylang check</c> process, so that the process that evaluates never
/// loads Roslyn: the compiler's code, metadata and caches (about 100 MB of a cold run's resident set, none of it
/// given back after compiling) live and die with the child. The caller loads the assembly from the cache afterwards;
/// when anything goes wrong (no executable to start, the child fails, the cache cannot be written) it compiles in
/// its own process, as it would without this, and reports what that finds.
/// </summary>
internal static class OutOfProcessCompiler
{
    /// <summary>Set to 1 to always compile in the evaluating process.</summary>
    public const string InProcessVariable = "POLICYLANG_COMPILE_IN_PROCESS";

    /// <summary>
    /// True when this process is the policylang executable itself (not a test host or another program embedding
    /// the CLI's code) and compiling in a child is not turned off.
    /// </summary>
    public static bool IsAvailable =>
        Environment.GetEnvironmentVariable(InProcessVariable) is not ("1" or "true")
        && Assembly.GetEntryAssembly() == typeof(OutOfProcessCompiler).Assembly
        && Environment.ProcessPath is not null;

    /// <summary>
    /// How long a child may compile before it is given up on. Far beyond any real compile (the whole standard library
    /// takes seconds), it only bounds a child that hangs, so that a run or a host's source reload never waits forever.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Runs <c>policylang check</c> on the paths with the cache in <paramref name="cacheDirectory"/>; true when it exits 0.</summary>
    public static bool TryFillCache(IReadOnlyList<string> policyPaths, string cacheDirectory) =>
        Environment.ProcessPath is { } executable && TryFillCache(executable, policyPaths, cacheDirectory, DefaultTimeout);

    /// <summary>
    /// Runs <paramref name="executable"/> as <c>policylang check</c>; false when it fails, cannot start or is still running
    /// after <paramref name="timeout"/> (it is then killed with its children).
    /// </summary>
    internal static bool TryFillCache(string executable, IReadOnlyList<string> policyPaths, string cacheDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Environment.CurrentDirectory,
        };

        // Started through the dotnet host (dotnet policylang.dll): the child needs the assembly named again.
        if (string.Equals(Path.GetFileNameWithoutExtension(executable), "dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(OutOfProcessCompiler).Assembly.Location);
        }

        start.ArgumentList.Add("check");
        start.ArgumentList.Add("--");
        foreach (var path in policyPaths)
        {
            start.ArgumentList.Add(path);
        }

        start.Environment["POLICYLANG_CACHE_DIR"] = cacheDirectory;
        start.Environment[InProcessVariable] = "1";
        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return false;
            }

            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return false;
            }

            Task.WaitAll(output, error);

            // Its diagnostics are not needed: on failure the caller compiles again in process and reports them itself.
            return process.ExitCode == 0;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return false;
        }
    }
}
