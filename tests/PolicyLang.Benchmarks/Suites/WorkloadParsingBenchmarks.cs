// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using BenchmarkDotNet.Attributes;
using PolicyLang.Benchmarks.Baselines;
using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Benchmarks.Support;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Suites;

/// <summary>
/// Benchmark 2: benchmark 1 including parsing, from JSON and from YAML text, and from AdmissionReview envelopes
/// (<see cref="AdmissionReviewCorpus"/>) as a validating webhook receives them. PolicyLang reads each document as the
/// CLI and the admission host do (positions of every node for file:line, the subject, the typed pod spec) and
/// evaluates it; the baseline deserializes the model with KubernetesClient (KubernetesJson / KubernetesYaml; for a
/// review, System.Text.Json finds <c>request.object</c> first) and runs the hand-written checks. One operation is one
/// document.
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

    [Params("json", "yaml", "admission")]
    public string Format { get; set; } = "json";

    [GlobalSetup]
    public void Setup()
    {
        var generated = WorkloadCorpus.Generate(Count);
        _texts = Format switch
        {
            "json" => [.. generated.Select(g => g.Json)],
            "yaml" => [.. generated.Select(g => g.Yaml)],
            _ => AdmissionReviewCorpus.Of(generated),
        };
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
        if (Format == "admission")
        {
            return engine.EvaluateAdmission(ReadAdmission(_texts[i]));
        }

        return engine.EvaluateManifest(WorkloadSubjects.ReadManifest(_reader, _texts[i], Format == "json" ? "corpus.json" : "corpus.yaml"));
    }

    private AdmissionSubject ReadAdmission(string text)
    {
        foreach (var item in _reader.ReadText(text, "review.json"))
        {
            return item.Admission ?? throw new InvalidOperationException($"review.json: {item}");
        }

        throw new InvalidOperationException("review.json: no document");
    }

    private TypedWorkload ParseTyped(int i) => TypedWorkload.Of(Format switch
    {
        "json" => TypedWorkload.FromJson(_texts[i], _kinds[i]),
        "yaml" => TypedWorkload.FromYaml(_texts[i], _kinds[i]),
        _ => TypedWorkload.FromJson(ObjectOfReview(_texts[i]), _kinds[i]),
    });

    /// <summary>The baseline's envelope reading: <c>request.object</c> of the review, as text for KubernetesJson.</summary>
    private static string ObjectOfReview(string review)
    {
        using var document = System.Text.Json.JsonDocument.Parse(review);
        return document.RootElement.GetProperty("request").GetProperty("object").GetRawText();
    }

    private int Next()
    {
        var i = _next;
        _next = i + 1 == _texts.Length ? 0 : i + 1;
        return i;
    }
}
