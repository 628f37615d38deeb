// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Features.Commands;

/// <summary>The command contract shared with the VS Code extension.</summary>
public static class CommandNames
{
    /// <summary>Server command: <c>[policyDocumentUri, inputFilePath]</c> → the <c>policylang eval -o json</c> object.</summary>
    public const string EvaluateFile = "policylang.evaluateFile";

    /// <summary>Server command: <c>[policyDocumentUri]</c> → <c>{ tests: [{ name, passed, message }], uncoveredRules: [...] }</c>.</summary>
    public const string RunTests = "policylang.runTests";

    /// <summary>Client command (the extension asks for the input file, then calls <see cref="EvaluateFile"/>): <c>[policyDocumentUri]</c>.</summary>
    public const string EvaluatePolicy = "policylang.evaluatePolicy";
}
