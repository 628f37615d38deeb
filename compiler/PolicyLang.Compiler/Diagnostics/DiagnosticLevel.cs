// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler.Diagnostics;

public enum DiagnosticLevel
{
    Info,
    Warning,
    Error,
}
