// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Reflection;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Diagnostics;

/// <summary>
/// The closed catalogue of diagnostics: every code, its level and message, and one factory method per code.
/// Split by stage into partial files (Syntax, Binding, Types, Lint, Emit); this file holds the registry.
/// </summary>
public static partial class DiagnosticCatalog
{
    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> AllDescriptors = new(() =>
        typeof(DiagnosticCatalog).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)(f.GetValue(null) ?? throw new InvalidOperationException(f.Name)))
            .OrderBy(d => d.Code, StringComparer.Ordinal)
            .ToArray());

    /// <summary>Every descriptor in the catalogue, ordered by code.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => AllDescriptors.Value;

    public static DiagnosticDescriptor? Find(string code) => All.FirstOrDefault(d => d.Code == code);

    private static Diagnostic Make(DiagnosticDescriptor descriptor, SourceText source, TextSpan span, params object?[] args) =>
        new(descriptor, source, span, string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat, args));

    private static Diagnostic MakeWithFix(DiagnosticDescriptor descriptor, SourceText source, TextSpan span, DiagnosticFix? fix, params object?[] args) =>
        new(descriptor, source, span, string.Format(CultureInfo.InvariantCulture, descriptor.MessageFormat, args), fix);

    /// <summary>" Did you mean 'x'?" when a close candidate exists, else empty.</summary>
    private static string DidYouMean(string? suggestion) => suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?";

    private static DiagnosticFix? FixFor(TextSpan span, string? suggestion) =>
        suggestion is null ? null : new DiagnosticFix($"Change to '{suggestion}'", span, suggestion);
}
