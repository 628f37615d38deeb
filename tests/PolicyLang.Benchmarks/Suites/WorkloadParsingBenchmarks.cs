// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using BenchmarkDotNet.Attributes;
using PolicyLang.Benchmarks.Baselines;
using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Benchmarks.Support;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Benchmarks.Suites;

/// <summary>
/// Benchmark 2: benchmark 1 including parsing, from JSON and from YAML text. PolicyLang reads each document as the
/// CLI does (positions of every node for file:line, the subject, the typed pod spec) and evaluates it; the baseline
/// deserializes the model with KubernetesClient (KubernetesJson / KubernetesYaml) and runs the hand-written checks.
/// One operation is one document.
/// </summary>
[MemoryDiagnoser]
public class WorkloadParsingBenchmarks
{
    private string[] _texts = [];
    private string[] _kinds = [];
    private PolicyEngine? _engine;
    private readonly InputReader _reader = new();
    private readonly List<FindingKey> _handWrittenFindings = [];
    private int _next;

    [Params(10_000)]
    public int Count { get; set; } = 10_000;

    [Params("json", "yaml")]
    public string Format { get; set; } = "json";

    [GlobalSetup]
    public void Setup()
    {
        var generated = WorkloadCorpus.Generate(Count);
        _texts = [.. generated.Select(g => Format == "json" ? g.Json : g.Yaml)];
        _kinds = [.. generated.Select(g => g.Kind)];
        _engine = PolicyFixture.Engine(RepositoryPaths.PodSecurity);
        var compiled = Enumerable.Range(0, _texts.Length).Select(i => Agreement.Keys(EvaluateCompiled(i).Findings)).ToArray();
        var handWritten = Enumerable.Range(0, _texts.Length).Select(i =>
        {
            var findings = new List<FindingKey>();
            PodSecurityBaseline.Check(ParseTyped(i), findings);
            return Agreement.Keys(findings);
        }).ToArray();
        Agreement.Require($"Pod Security restricted (parsing {Format})", compiled, handWritten, i => $"{_kinds[i]} {generated[i].Object.Metadata?.Name}");
        _next = 0;
    }

    [Benchmark(Baseline = true, Description = "KubernetesClient deserialize + hand-written C#")]
    public int HandWritten()
    {
        _handWrittenFindings.Clear();
        PodSecurityBaseline.Check(ParseTyped(Next()), _handWrittenFindings);
        return _handWrittenFindings.Count;
    }

    [Benchmark(Description = "PolicyLang read + compiled policies")]
    public int Compiled() => EvaluateCompiled(Next()).Findings.Count;

    private SubjectResult EvaluateCompiled(int i)
    {
        var engine = _engine ?? throw new InvalidOperationException("not set up");
        return engine.EvaluateManifest(WorkloadSubjects.ReadManifest(_reader, _texts[i], Format == "json" ? "corpus.json" : "corpus.yaml"));
    }

    private TypedWorkload ParseTyped(int i) =>
        TypedWorkload.Of(Format == "json" ? TypedWorkload.FromJson(_texts[i], _kinds[i]) : TypedWorkload.FromYaml(_texts[i], _kinds[i]));

    private int Next()
    {
        var i = _next;
        _next = i + 1 == _texts.Length ? 0 : i + 1;
        return i;
    }
}
