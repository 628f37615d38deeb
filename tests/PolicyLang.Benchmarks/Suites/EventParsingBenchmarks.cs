// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using PolicyLang.Benchmarks.Baselines;
using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Benchmarks.Support;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Suites;

/// <summary>
/// Benchmark 3 (with parsing): the runtime detections over a JSON-lines stream. PolicyLang reads the stream as the CLI
/// and hosts do (<see cref="InputReader"/>: lines, documents with positions, event mapping with its derived fields)
/// and evaluates each event; the baseline reads each line with System.Text.Json into <see cref="RuntimeEvent"/> and
/// runs the hand-written detections. One invocation reads the whole stream; the reported time is per event.
/// </summary>
[MemoryDiagnoser]
public class EventParsingBenchmarks
{
    /// <summary>Events in the stream of one invocation (the reported figures are per event).</summary>
    public const int StreamLength = 10_000;

    private static readonly InputReaderOptions EventInput = new() { Subject = SubjectKind.Event };

    private byte[] _stream = [];
    private SubjectEvaluator? _evaluator;
    private readonly InputReader _reader = new(EventInput);
    private readonly List<FindingKey> _handWrittenFindings = [];

    [Params(StreamLength)]
    public int Count { get; set; } = StreamLength;

    [GlobalSetup]
    public void Setup()
    {
        var events = EventCorpus.Generate(Count);
        _stream = Encoding.UTF8.GetBytes(string.Join('\n', EventCorpus.ToJsonLines(events)) + "\n");
        _evaluator = PolicyFixture.Engine(RepositoryPaths.RuntimeDetections).CreateEvaluator();

        var compiled = new List<FindingKey[]>();
        foreach (var item in _reader.ReadStream(new MemoryStream(_stream), "events.jsonl", DocumentFormat.JsonLines))
        {
            var e = item.Event ?? throw new InvalidOperationException($"events.jsonl: {item}");
            compiled.Add(Agreement.Keys(_evaluator.EvaluateEvent(e)));
        }

        var handWritten = new List<FindingKey[]>();
        using (var lines = new StreamReader(new MemoryStream(_stream)))
        {
            while (lines.ReadLine() is { } line)
            {
                var findings = new List<FindingKey>();
                RuntimeDetectionBaseline.Check(ParseLine(line), findings);
                handWritten.Add(Agreement.Keys(findings));
            }
        }

        Agreement.Require("runtime detections (JSON lines)", compiled, handWritten, i => events[i].Type + " " + events[i].Proc.Cmdline);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = StreamLength, Description = "System.Text.Json + hand-written C#")]
    public int HandWritten()
    {
        var alerts = 0;
        using var lines = new StreamReader(new MemoryStream(_stream));
        while (lines.ReadLine() is { } line)
        {
            _handWrittenFindings.Clear();
            RuntimeDetectionBaseline.Check(ParseLine(line), _handWrittenFindings);
            alerts += _handWrittenFindings.Count;
        }

        return alerts;
    }

    [Benchmark(OperationsPerInvoke = StreamLength, Description = "PolicyLang reader + compiled policies")]
    public int Compiled()
    {
        var evaluator = _evaluator ?? throw new InvalidOperationException("not set up");
        var alerts = 0;
        foreach (var item in _reader.ReadStream(new MemoryStream(_stream), "events.jsonl", DocumentFormat.JsonLines))
        {
            if (item.Event is { } e)
            {
                alerts += evaluator.EvaluateEvent(e).Count;
            }
        }

        return alerts;
    }

    private static RuntimeEvent ParseLine(string line) =>
        JsonSerializer.Deserialize<RuntimeEvent>(line, EventCorpus.JsonOptions) ?? throw new InvalidOperationException("null event");
}
