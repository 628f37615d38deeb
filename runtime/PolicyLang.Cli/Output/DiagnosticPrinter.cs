// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Diagnostics;

namespace PolicyLang.Cli.Output;

/// <summary>Prints compiler diagnostics as <c>file:line:col: error PL0123: message</c>, with the source line and a caret.</summary>
internal static class DiagnosticPrinter
{
    public static void Print(TextWriter writer, IEnumerable<Diagnostic> diagnostics, bool withContext)
    {
        foreach (var diagnostic in diagnostics)
        {
            writer.WriteLine(diagnostic.ToString());
            if (!withContext)
            {
                continue;
            }

            var position = diagnostic.Source.GetLinePosition(diagnostic.Span.Start);
            var line = diagnostic.Source.GetLineText(position.Line);
            if (line.Length == 0)
            {
                continue;
            }

            var width = Math.Max(1, Math.Min(diagnostic.Span.Length, line.Length - position.Character));
            writer.WriteLine("    " + line.Replace('\t', ' '));
            writer.WriteLine("    " + new string(' ', Math.Min(position.Character, line.Length)) + new string('^', width));
        }
    }

    public static string Summary(IReadOnlyCollection<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Level == DiagnosticLevel.Error);
        var warnings = diagnostics.Count(d => d.Level == DiagnosticLevel.Warning);
        return $"{errors} error{(errors == 1 ? string.Empty : "s")}, {warnings} warning{(warnings == 1 ? string.Empty : "s")}";
    }
}
