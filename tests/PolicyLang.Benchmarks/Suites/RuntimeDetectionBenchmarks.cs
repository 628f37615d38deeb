// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using BenchmarkDotNet.Attributes;
using PolicyLang.Benchmarks.Baselines;
using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Benchmarks.Support;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Suites;

/// <summary>
/// Benchmark 3 (pre-parsed): the 30 runtime detections of policies-stdlib/runtime over a stream of events already in
/// memory, beside the same detections hand-written in C#. One operation is one event: events/s per core is 10⁹ / the
/// reported ns (BenchmarkDotNet runs the benchmark on one thread).
/// </summary>
[MemoryDiagnoser]
public class RuntimeDetectionBenchmarks
{
    private RuntimeEvent[] _events = [];
    private SubjectEvaluator? _evaluator;
    private readonly List<FindingKey> _handWrittenFindings = [];
    private int _next;

    [Params(1_000_000)]
    public int Count { get; set; } = 1_000_000;

    [GlobalSetup]
    public void Setup()
    {
        _events = EventCorpus.Generate(Count);
        _evaluator = PolicyFixture.Engine(RepositoryPaths.RuntimeDetections).CreateEvaluator();
        var compiled = new FindingKey[_events.Length][];
        var handWritten = new FindingKey[_events.Length][];
        var findings = new List<FindingKey>();
        for (var i = 0; i < _events.Length; i++)
        {
            compiled[i] = Agreement.Keys(_evaluator.EvaluateEvent(_events[i]));
            findings.Clear();
            RuntimeDetectionBaseline.Check(_events[i], findings);
            handWritten[i] = Agreement.Keys(findings);
        }

        Agreement.Require("runtime detections (pre-parsed)", compiled, handWritten, i => $"{_events[i].Type} {_events[i].Proc.Cmdline}");
        var alerted = compiled.Count(c => c.Length > 0);
        if (alerted == 0 || alerted > _events.Length / 10)
        {
            throw new InvalidOperationException($"{alerted} of {_events.Length} events raise alerts; the corpus should have a few percent");
        }

        _next = 0;
    }

    [Benchmark(Baseline = true, Description = "hand-written C#")]
    public int HandWritten()
    {
        _handWrittenFindings.Clear();
        RuntimeDetectionBaseline.Check(_events[Next()], _handWrittenFindings);
        return _handWrittenFindings.Count;
    }

    [Benchmark(Description = "compiled policies")]
    public int Compiled()
    {
        var evaluator = _evaluator ?? throw new InvalidOperationException("not set up");
        return evaluator.EvaluateEvent(_events[Next()]).Count;
    }

    private int Next()
    {
        var i = _next;
        _next = i + 1 == _events.Length ? 0 : i + 1;
        return i;
    }
}
