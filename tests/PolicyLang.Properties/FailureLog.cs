// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Properties;

/// <summary>How a generated case failed; the reducer keeps only variants that fail the same way.</summary>
internal enum FailureKind
{
    /// <summary>The back ends report different findings on the document.</summary>
    Difference,

    /// <summary>The policy type-checks but its generated C# does not compile.</summary>
    EmitFailed,

    /// <summary>The interpreter reports a rule error (a runtime failure) on the document.</summary>
    RuntimeError,
}

/// <summary>
/// Remembers the smallest failing case seen while CsCheck samples and shrinks (from any thread), and minimizes it
/// further with <see cref="PolicyReducer"/> once sampling is over.
/// </summary>
internal sealed class FailureLog
{
    private readonly Lock _lock = new();
    private (string Policy, string? Document, ParameterValues Parameters, FailureKind Kind)? _smallest;

    public void Record(string policy, string? document, ParameterValues parameters, FailureKind kind)
    {
        lock (_lock)
        {
            var size = policy.Length + (document?.Length ?? 0);
            if (_smallest is not { } known || size < known.Policy.Length + (known.Document?.Length ?? 0))
            {
                _smallest = (policy, document, parameters, kind);
            }
        }
    }

    /// <summary>The smallest recorded case, reduced; null when nothing failed.</summary>
    public string? Minimized()
    {
        if (_smallest is not { } failure)
        {
            return null;
        }

        var reduced = PolicyReducer.Reduce(failure.Policy, candidate => Fails(candidate, failure.Document, failure.Parameters, failure.Kind));
        var report = new StringBuilder();
        report.AppendLine($"Minimized failing case ({failure.Kind}):");
        report.AppendLine("--- policy ---").AppendLine(BackEnds.Numbered(reduced));
        if (failure.Document is { } document)
        {
            report.AppendLine("--- document ---").AppendLine(document);
            if (failure.Kind == FailureKind.Difference && BackEnds.TryOf(reduced, failure.Parameters) is { } backEnds)
            {
                var (compiled, interpreted) = Differential.Run(backEnds, [document]);
                report.AppendLine("--- compiled ---").AppendLine(string.Join("\n", compiled));
                report.AppendLine("--- interpreted ---").AppendLine(string.Join("\n", interpreted));
            }
        }

        return report.ToString();
    }

    private static bool Fails(string policy, string? document, ParameterValues parameters, FailureKind kind)
    {
        switch (kind)
        {
            case FailureKind.EmitFailed:
                return BackEnds.TryCheck(policy) is { } compilation && compilation.Emit().Image is null;
            case FailureKind.Difference:
                return document is not null && BackEnds.TryOf(policy, parameters) is { } backEnds && Differential.Difference(backEnds, [document]) is not null;
            default:
                if (document is null || BackEnds.TryCheck(policy) is null)
                {
                    return false;
                }

                var result = BackEnds.Interpreter(policy, parameters).EvaluateManifest(Documents.Manifest(document));
                return result.Findings.Any(f => f.Action == FindingAction.Error);
        }
    }
}
