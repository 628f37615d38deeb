// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Properties;

/// <summary>Runs documents through both back ends and explains any difference.</summary>
internal static class Differential
{
    /// <summary>The findings of both back ends on each document, one line per finding (or input error), prefixed by the document's index.</summary>
    public static (IReadOnlyList<string> Compiled, IReadOnlyList<string> Interpreted) Run(BackEnds backEnds, IReadOnlyList<string> documents)
    {
        var compiled = new List<string>();
        var interpreted = new List<string>();
        for (var i = 0; i < documents.Count; i++)
        {
            compiled.AddRange(Lines(i, backEnds.Compiled.EvaluateManifest(Documents.Manifest(documents[i]))));
            interpreted.AddRange(Lines(i, backEnds.Interpreted.EvaluateManifest(Documents.Manifest(documents[i]))));
        }

        return (compiled, interpreted);
    }

    /// <summary>Null when both back ends agree; else a report with the policy, the first differing document and both findings.</summary>
    public static string? Difference(BackEnds backEnds, IReadOnlyList<string> documents) => Compare(backEnds, documents).Difference;

    /// <summary>The compiled back end's findings, and the first document on which the back ends disagree with a report (null when none).</summary>
    public static (IReadOnlyList<Finding> Findings, string? Difference, string? Document) Compare(BackEnds backEnds, IReadOnlyList<string> documents)
    {
        var findings = new List<Finding>();
        for (var i = 0; i < documents.Count; i++)
        {
            var fromCompiled = backEnds.Compiled.EvaluateManifest(Documents.Manifest(documents[i]));
            var fromInterpreter = backEnds.Interpreted.EvaluateManifest(Documents.Manifest(documents[i]));
            findings.AddRange(fromCompiled.Findings);
            var compiled = Lines(i, fromCompiled);
            var interpreted = Lines(i, fromInterpreter);
            if (!compiled.SequenceEqual(interpreted))
            {
                var report = new StringBuilder();
                report.AppendLine("The compiled delegates and the reference interpreter disagree.");
                report.AppendLine("--- policy ---").AppendLine(BackEnds.Numbered(backEnds.Source));
                report.AppendLine("--- document ---").AppendLine(documents[i]);
                report.AppendLine("--- compiled ---").AppendLine(string.Join("\n", compiled));
                report.AppendLine("--- interpreted ---").AppendLine(string.Join("\n", interpreted));
                return (findings, report.ToString(), documents[i]);
            }
        }

        return (findings, null, null);
    }

    private static List<string> Lines(int document, SubjectResult result) =>
        [.. result.Findings.Select(f => $"#{document} {BackEnds.Describe(f)}"), .. result.Errors.Select(e => $"#{document} input error: {e.Message}")];
}
