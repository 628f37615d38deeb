// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Syntax;

namespace PolicyLang.Baselines.Printers;

/// <summary>
/// The <c>.diagnostics</c> stage: each file's text, every diagnostic printed under its source line with a caret
/// under its span, its level, code and message.
/// </summary>
internal static class DiagnosticPrinter
{
    public static string Print(IReadOnlyList<SyntaxTree> trees, IReadOnlyList<Diagnostic> diagnostics)
    {
        var text = new StringBuilder();
        foreach (var tree in trees)
        {
            var source = tree.Source;
            var mine = diagnostics.Where(d => d.Source == source).ToArray();
            text.Append("// ").Append(source.Path).Append(": ").Append(mine.Length).Append(" diagnostics\n");
            var lines = source.Text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (var line = 0; line < lines.Length; line++)
            {
                if (line == lines.Length - 1 && lines[line].Length == 0)
                {
                    break;
                }

                text.Append(lines[line]).Append('\n');
                foreach (var diagnostic in mine.Where(d => source.GetLinePosition(d.Span.Start).Line == line))
                {
                    var column = source.GetLinePosition(diagnostic.Span.Start).Character;
                    var width = Math.Max(1, Math.Min(diagnostic.Span.Length, lines[line].Length - column));
                    text.Append(new string(' ', column)).Append(new string('^', width))
                        .Append(' ').Append(diagnostic.Level.ToString().ToLowerInvariant()).Append(' ').Append(diagnostic.Code)
                        .Append(" [").Append(Positions.Of(source, diagnostic.Span)).Append("]: ").Append(diagnostic.Message).Append('\n');
                }
            }
        }

        return text.ToString();
    }
}
