// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Cli.Output;

/// <summary>
/// Writes one report format as the run goes: <see cref="Begin"/>, then messages and results in input order (each
/// written or spooled at once, never all held in memory), then <see cref="End"/> with the totals.
/// </summary>
internal interface IReportWriter : IEvaluationSink, IDisposable
{
    void Begin(ReportRun run);

    void End(ReportTally tally);
}
