// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// Evaluates subjects one after another on one thread, for hosts that judge a stream (runtime events, admission
/// requests) and for benchmarks. It keeps one evaluation context and reuses it, so a subject on which no rule reports
/// allocates nothing; findings are copied out only when there are some. Not thread-safe: create one per thread with
/// <see cref="PolicyEngine.CreateEvaluator"/>. The same rules, scopes, error containment and overrides apply as in
/// <see cref="PolicyEngine"/>'s methods.
/// </summary>
public sealed class SubjectEvaluator
{
    private readonly PolicyEngine _engine;
    private readonly EvaluationContext _context;
    private readonly List<InputError> _errors = [];

    internal SubjectEvaluator(PolicyEngine engine, EvaluationContext context)
    {
        _engine = engine;
        _context = context;
    }

    /// <summary>Runs the workload rules on a workload (see <see cref="Workload.From"/>).</summary>
    public EvaluatedSubject EvaluateWorkload(Workload workload, CancellationToken cancellationToken = default)
    {
        _context.Reset(_engine.Clock, cancellationToken);
        if (!_engine.RunWorkload(workload, operation: null, _context, _errors))
        {
            var errors = _errors.ToArray();
            _errors.Clear();
            return new EvaluatedSubject(_context.TakeFindings(), errors);
        }

        return new EvaluatedSubject(_context.TakeFindings(), []);
    }

    /// <summary>Runs the event rules on a runtime event.</summary>
    public IReadOnlyList<Finding> EvaluateEvent(RuntimeEvent runtimeEvent, CancellationToken cancellationToken = default)
    {
        _context.Reset(_engine.Clock, cancellationToken);
        _engine.RunEvent(runtimeEvent, _context);
        return _context.TakeFindings();
    }
}

/// <summary>The findings of one subject (empty arrays when there are none) and the input errors that stopped its evaluation.</summary>
public readonly record struct EvaluatedSubject(IReadOnlyList<Finding> Findings, IReadOnlyList<InputError> Errors);
