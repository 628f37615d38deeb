// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Compiler;

namespace PolicyLang.LanguageServer.Features.Commands;

/// <summary>
/// Runs policies for the editor's commands. The CLI supplies it (its evaluation and test runner), so that
/// "evaluate" and "run tests" answer exactly what <c>policylang eval -o json</c> and <c>policylang test</c> would.
/// </summary>
public interface IPolicyTools
{
    /// <summary>Evaluates the rules of <paramref name="package"/> (compiled with everything it imports) against an input file: the <c>eval -o json</c> document.</summary>
    JsonElement Evaluate(Compilation compilation, string package, string inputPath, CancellationToken cancellationToken);

    /// <summary>Runs the tests declared in one file, and lists the rules of that file no test exercises.</summary>
    PolicyTestReport RunTests(Compilation compilation, string documentPath, CancellationToken cancellationToken);
}

/// <summary>The answer of <c>policylang.runTests</c>.</summary>
public sealed record PolicyTestReport(IReadOnlyList<PolicyTestResult> Tests, IReadOnlyList<string> UncoveredRules);

/// <summary>One test: its name, whether it passed, and the failures (empty when it passed).</summary>
public sealed record PolicyTestResult(string Name, bool Passed, string Message);

/// <summary>A command that cannot run (compile errors, unreadable input): answered as an LSP error with this message.</summary>
public sealed class PolicyToolException : Exception
{
    public PolicyToolException(string message)
        : base(message)
    {
    }

    public PolicyToolException()
    {
    }

    public PolicyToolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
