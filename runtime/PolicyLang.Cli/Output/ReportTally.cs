// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>The totals of a run, kept as it goes, and the exit code they give: 2 errors, 1 gate failures, 0 pass.</summary>
internal sealed class ReportTally
{
    private readonly int[] _byAction = new int[Enum.GetValues<FindingAction>().Length];

    public ReportTally(FailGate gate)
    {
        Gate = gate;
    }

    public FailGate Gate { get; }

    public int Subjects { get; private set; }

    public int Findings { get; private set; }

    public int Skipped { get; private set; }

    /// <summary>Findings that fail the gate.</summary>
    public int GateFailures { get; private set; }

    /// <summary>Inputs that could not be read: whole documents and fields of subjects.</summary>
    public int InputErrors { get; private set; }

    public int Warnings { get; private set; }

    public int Notices { get; private set; }

    /// <summary>Rules that failed on a subject (error findings).</summary>
    public int RuleErrors => _byAction[(int)FindingAction.Error];

    public bool HasErrors => InputErrors > 0 || RuleErrors > 0;

    public int ExitCode => HasErrors ? ExitCodes.Error : GateFailures > 0 ? ExitCodes.PolicyFailure : ExitCodes.Success;

    public bool Passed => ExitCode == ExitCodes.Success;

    /// <summary>Unskipped findings of an action.</summary>
    public int Count(FindingAction action) => _byAction[(int)action];

    public void Add(SubjectResult result)
    {
        Subjects++;
        InputErrors += result.Errors.Count;
        foreach (var finding in result.Findings)
        {
            Findings++;
            if (finding.IsSkipped)
            {
                Skipped++;
                continue;
            }

            _byAction[(int)finding.Action]++;
            if (Gate.Fails(finding))
            {
                GateFailures++;
            }
        }
    }

    public void Add(ReportMessage message)
    {
        switch (message.Level)
        {
            case InputMessageLevel.Error:
                InputErrors++;
                break;
            case InputMessageLevel.Warning:
                Warnings++;
                break;
            default:
                Notices++;
                break;
        }
    }
}
