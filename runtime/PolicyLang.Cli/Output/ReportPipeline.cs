// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Cli.Output;

/// <summary>Hands each message and result to every report writer and keeps the run's totals.</summary>
internal sealed class ReportPipeline : IEvaluationSink, IDisposable
{
    private readonly IReadOnlyList<IReportWriter> _writers;

    public ReportPipeline(IReadOnlyList<IReportWriter> writers, ReportRun run)
    {
        _writers = writers;
        Tally = new ReportTally(run.Gate);
        foreach (var writer in writers)
        {
            writer.Begin(run);
        }
    }

    public ReportTally Tally { get; }

    public void Message(ReportMessage message)
    {
        Tally.Add(message);
        foreach (var writer in _writers)
        {
            writer.Message(message);
        }
    }

    public void Result(SubjectResult result)
    {
        Tally.Add(result);
        foreach (var writer in _writers)
        {
            writer.Result(result);
        }
    }

    public void End()
    {
        foreach (var writer in _writers)
        {
            writer.End(Tally);
        }
    }

    public void Dispose()
    {
        foreach (var writer in _writers)
        {
            writer.Dispose();
        }
    }
}
