// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Text;

namespace PolicyLang.Extension.Tests;

/// <summary>What a finished (or timed-out) process did.</summary>
public sealed record ProcessResult(string CommandLine, int ExitCode, bool TimedOut, string Output, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0 && !TimedOut;

    /// <summary>The command, its outcome and the end of its output (stdout and stderr interleaved), for failure messages.</summary>
    public string Describe(int maxOutput = 20_000)
    {
        var output = Output.Length > maxOutput ? "…" + Output[^maxOutput..] : Output;
        var outcome = TimedOut ? "timed out" : $"exited with {ExitCode}";
        return $"`{CommandLine}` {outcome} after {Duration.TotalSeconds:F0}s:\n{output}";
    }
}

/// <summary>Runs tools (npm, node) as a developer would, capturing their output.</summary>
internal static class ProcessRunner
{
    public static ProcessResult Run(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var commandLine = string.Join(' ', [fileName, .. arguments]);
        var output = new StringBuilder();
        var gate = new object();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            return new ProcessResult(commandLine, -1, false, $"could not start {fileName}: {error.Message} (is it on the PATH?)", stopwatch.Elapsed);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExit(timeout);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        // Drain the redirected streams.
        process.WaitForExit();
        return new ProcessResult(commandLine, exited ? process.ExitCode : -1, !exited, Snapshot(), stopwatch.Elapsed);

        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                output.AppendLine(line);
            }
        }

        string Snapshot()
        {
            lock (gate)
            {
                return output.ToString();
            }
        }
    }
}
