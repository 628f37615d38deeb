// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using BenchmarkDotNet.Attributes;
using PolicyLang.Benchmarks.Baselines;
using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Benchmarks.Support;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Suites;

/// <summary>
/// Benchmark 1: the standard library's Pod Security restricted set (baseline + restricted folders) over pre-parsed
/// workloads, beside hand-written C# on the typed models. One operation is one subject, so the reported time and
/// allocation are per subject. <c>Clean</c> runs only the workloads that pass (nothing is denied).
/// </summary>
[MemoryDiagnoser]
public class PodSecurityBenchmarks
{
    private Workload[] _workloads = [];
    private TypedWorkload[] _typed = [];
    private SubjectEvaluator? _evaluator;
    private readonly List<FindingKey> _handWrittenFindings = [];
    private int _next;

    /// <summary>How many workloads the corpus has (the smoke test uses a few).</summary>
    [Params(10_000)]
    public int Count { get; set; } = 10_000;

    /// <summary>"mixed": the whole corpus (about 30% violating); "clean": only the workloads nothing denies.</summary>
    [Params("mixed", "clean")]
    public string Subjects { get; set; } = "mixed";

    [GlobalSetup]
    public void Setup()
    {
        var generated = WorkloadCorpus.Generate(Count);
        if (Subjects == "clean")
        {
            generated = WorkloadCorpus.Clean(generated);
        }

        var subjects = WorkloadSubjects.Create(generated);
        _workloads = subjects.Workloads;
        _typed = subjects.Typed;
        _evaluator = PolicyFixture.Engine(RepositoryPaths.PodSecurity).CreateEvaluator();

        var compiled = _workloads.Select(w => Agreement.Keys(_evaluator.EvaluateWorkload(w).Findings)).ToArray();
        var handWritten = _typed.Select(t =>
        {
            var findings = new List<FindingKey>();
            PodSecurityBaseline.Check(t, findings);
            return Agreement.Keys(findings);
        }).ToArray();
        Agreement.Require("Pod Security restricted (pre-parsed)", compiled, handWritten, i => $"{generated[i].Kind} {generated[i].Object.Metadata?.Name}");
        var denied = compiled.Count(r => r.Length > 0);
        if (Enumerable.Range(0, compiled.Length).Any(i => !generated[i].Violating && compiled[i].Length > 0))
        {
            throw new InvalidOperationException("a workload generated to pass the restricted level has findings");
        }

        if (Subjects == "mixed" && (denied < compiled.Length / 5 || denied > compiled.Length * 2 / 5))
        {
            throw new InvalidOperationException($"{denied} of {compiled.Length} workloads have findings; the corpus should have about 30%");
        }

        _next = 0;
    }

    [Benchmark(Baseline = true, Description = "hand-written C#, typed models")]
    public int HandWritten()
    {
        var i = Next();
        _handWrittenFindings.Clear();
        PodSecurityBaseline.Check(_typed[i], _handWrittenFindings);
        return _handWrittenFindings.Count;
    }

    [Benchmark(Description = "compiled policies")]
    public int Compiled()
    {
        var evaluator = _evaluator ?? throw new InvalidOperationException("not set up");
        return evaluator.EvaluateWorkload(_workloads[Next()]).Findings.Count;
    }

    private int Next()
    {
        var i = _next;
        _next = i + 1 == _workloads.Length ? 0 : i + 1;
        return i;
    }
}
