// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Baselines.Printers;

/// <summary>Spans as <c>line:col-line:col</c> (1-based), the form every golden file uses.</summary>
internal static class Positions
{
    public static string Of(SourceText source, TextSpan span)
    {
        var start = source.GetLinePosition(span.Start);
        var end = source.GetLinePosition(span.Start + span.Length);
        return $"{start.Line + 1}:{start.Character + 1}-{end.Line + 1}:{end.Character + 1}";
    }

    /// <summary>Text on one line, quoted, with control characters escaped.</summary>
    public static string Quote(string text) =>
        "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal).Replace("\r", "\\r", StringComparison.Ordinal).Replace("\t", "\\t", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
}
