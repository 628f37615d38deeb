// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler.Diagnostics;

/// <summary>The fixed part of a diagnostic: stable code, level, stage and message template.</summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticLevel Level, DiagnosticStage Stage, string Title, string MessageFormat)
{
    /// <summary>Where the code is documented.</summary>
    public string HelpUri => $"https://policylang.dev/docs/diagnostics/{Code}";
}

/// <summary>The pipeline stage a code belongs to; each has its own range of codes.</summary>
public enum DiagnosticStage
{
    /// <summary>PL0001–PL0099.</summary>
    Syntax,

    /// <summary>PL0100–PL0199.</summary>
    Binding,

    /// <summary>PL0200–PL0299.</summary>
    Types,

    /// <summary>PL0300–PL0399.</summary>
    Lint,

    /// <summary>PL0400–PL0499.</summary>
    Emit,
}
