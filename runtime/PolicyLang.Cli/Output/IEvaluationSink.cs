// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Cli.Output;

/// <summary>Receives what an evaluation produces, in input order, one item at a time.</summary>
internal interface IEvaluationSink
{
    void Message(ReportMessage message);

    void Result(SubjectResult result);
}
