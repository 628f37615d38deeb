// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using BenchmarkDotNet.Running;

namespace PolicyLang.Benchmarks;

/// <summary>
/// Runs the suites: <c>dotnet run -c Release --project tests/PolicyLang.Benchmarks -- --filter '*'</c>
/// (any BenchmarkDotNet option works; see docs/performance.md).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // In process: BenchmarkDotNet's generated runner projects rebuild the compiler with an absolute intermediate
        // path, which the ANTLR build tasks cannot handle; the in-process toolchain measures this Release build as it is.
        if (!args.Contains("--inProcess") && !args.Contains("-i"))
        {
            args = [.. args, "--inProcess"];
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
