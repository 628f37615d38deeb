// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Diagnostics;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using LspDiagnostic = PolicyLang.LanguageServer.Protocol.Diagnostic;

namespace PolicyLang.LanguageServer.Features.Diagnostics;

/// <summary>Turns the compiler's diagnostics into LSP diagnostics: range, severity, code with its docs link, the fix as data.</summary>
public static class DiagnosticConverter
{
    /// <summary>Codes whose span is code that does nothing (shown faded).</summary>
    private static readonly HashSet<string> Unnecessary = [DiagnosticCatalog.UnusedImportDescriptor.Code, DiagnosticCatalog.UnusedLetDescriptor.Code, DiagnosticCatalog.UnusedParameterDescriptor.Code];

    public static LspDiagnostic ToLsp(Compiler.Diagnostics.Diagnostic diagnostic)
    {
        var text = diagnostic.Source;
        var severity = diagnostic.Level switch
        {
            DiagnosticLevel.Error => DiagnosticSeverity.Error,
            DiagnosticLevel.Warning => DiagnosticSeverity.Warning,
            _ => DiagnosticSeverity.Information,
        };
        var fix = diagnostic.Fix is { } f ? new DiagnosticFixData(f.Title, PositionMapper.ToRange(text, f.Span), f.Replacement) : null;
        return new LspDiagnostic(
            PositionMapper.ToRange(text, diagnostic.Span),
            severity,
            diagnostic.Code,
            "policylang",
            diagnostic.Message,
            new CodeDescription(diagnostic.Descriptor.HelpUri),
            Unnecessary.Contains(diagnostic.Code) ? [DiagnosticTag.Unnecessary] : null,
            fix);
    }
}
