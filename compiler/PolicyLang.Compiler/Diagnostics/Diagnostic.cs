// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Diagnostics;

/// <summary>A problem found in a source file, with the span it is about and, optionally, a fix.</summary>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceText Source, TextSpan Span, string Message, DiagnosticFix? Fix = null)
{
    public string Code => Descriptor.Code;

    public DiagnosticLevel Level => Descriptor.Level;

    public bool IsError => Descriptor.Level == DiagnosticLevel.Error;

    /// <summary>The conventional one-line form: <c>file:line:col: error PL0123: message</c> (1-based line and column).</summary>
    public override string ToString()
    {
        var position = Source.GetLinePosition(Span.Start);
        var level = Level switch
        {
            DiagnosticLevel.Error => "error",
            DiagnosticLevel.Warning => "warning",
            _ => "info",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Source.Path}:{position.Line + 1}:{position.Character + 1}: {level} {Code}: {Message}");
    }
}

/// <summary>A suggested change: replace <see cref="Span"/> with <see cref="Replacement"/>.</summary>
public sealed record DiagnosticFix(string Title, TextSpan Span, string Replacement);
