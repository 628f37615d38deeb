// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>Runs the built policylang CLI (copied beside the tests) as a separate process, as a user would.</summary>
internal static class CliProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "policylang.dll");

    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? TestPaths.Root,
        };
        info.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Runs to completion (bounded by <paramref name="timeout"/>) and returns the exit code and output.</summary>
    public static (int Code, string Output, string Error) Run(IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(arguments)) ?? throw new InvalidOperationException("dotnet did not start");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("policylang did not finish");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
