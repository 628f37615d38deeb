// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// The base of every generated policy class. A generated class takes its parameter values in its
/// constructor and has one public method per rule: <c>void R_name(TSubject subject, EvaluationContext context)</c>.
/// </summary>
public abstract class CompiledPolicy
{
    protected CompiledPolicy(ParameterValues parameters)
    {
        Parameters = parameters;
    }

    protected ParameterValues Parameters { get; }
}
