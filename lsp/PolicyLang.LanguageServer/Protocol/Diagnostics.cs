// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Protocol;

public sealed record CodeDescription(string Href);

public sealed record DiagnosticRelatedInformation(Location Location, string Message);

/// <summary>An LSP diagnostic. <see cref="Data"/> carries the compiler's fix (if any) so code actions need not recompute it.</summary>
public sealed record Diagnostic(
    Range Range,
    int Severity,
    string Code,
    string Source,
    string Message,
    CodeDescription? CodeDescription = null,
    IReadOnlyList<int>? Tags = null,
    DiagnosticFixData? Data = null);

/// <summary>The compiler's suggested replacement for a diagnostic, as sent in <see cref="Diagnostic.Data"/>.</summary>
public sealed record DiagnosticFixData(string Title, Range Range, string Replacement);

public sealed record PublishDiagnosticsParams(string Uri, IReadOnlyList<Diagnostic> Diagnostics, int? Version = null);

public static class DiagnosticSeverity
{
    public const int Error = 1;
    public const int Warning = 2;
    public const int Information = 3;
    public const int Hint = 4;
}

public static class DiagnosticTag
{
    public const int Unnecessary = 1;
}
