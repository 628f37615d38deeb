// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using BenchmarkDotNet.Running;

namespace PolicyLang.LanguageServer.Benchmarks;

/// <summary>
/// Runs the language server benchmarks: <c>dotnet run -c Release --project tests/PolicyLang.LanguageServer.Benchmarks -- --filter '*'</c>.
/// Each suite's job runs in process (its config says so), like tests/PolicyLang.Benchmarks: BenchmarkDotNet's
/// generated projects cannot rebuild the ANTLR-generated parser.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
