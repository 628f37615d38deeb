// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Cli;

/// <summary>The documented exit codes of every command.</summary>
internal static class ExitCodes
{
    /// <summary>Everything passed: no deny findings, no failed tests, no errors.</summary>
    public const int Success = 0;

    /// <summary>Policy failures: deny findings (eval), failed tests (test), files that would change (fmt --check).</summary>
    public const int PolicyFailure = 1;

    /// <summary>Errors: compile errors, unreadable input, bad arguments.</summary>
    public const int Error = 2;
}
