// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PolicyLang.LanguageServer.Features.Completion;
using PolicyLang.LanguageServer.Features.Diagnostics;
using PolicyLang.LanguageServer.Logging;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Workspace;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Benchmarks;

/// <summary>
/// What a keystroke costs in a 500-line file: applying the incremental change and computing the diagnostics the
/// server publishes (parse, bind, convert; the debounce delay not included), and a completion after a dot.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessConfig))]
public class EditingBenchmarks
{
    private const string Uri = "untitled:bench.policy";
    private CompilationManager _manager = new(new ServerLog(TextWriter.Null));
    private int _version;
    private bool _inserted;
    private Position _edit = new(0, 0);
    private Position _member = new(0, 0);

    [GlobalSetup]
    public void Setup()
    {
        _manager = new CompilationManager(new ServerLog(TextWriter.Null));
        _manager.Open(Uri, 1, LargePolicy.Text);
        var lines = LargePolicy.Text.Split('\n');
        var line = Array.FindIndex(lines, l => l.Contains("deny \"container", StringComparison.Ordinal) && l.Length > 0) + 240 / 8 * 8;
        _edit = new Position(line, lines[line].IndexOf("is privileged", StringComparison.Ordinal));
        var memberLine = Array.FindLastIndex(lines, l => l.Contains("when c.securityContext.", StringComparison.Ordinal));
        _member = new Position(memberLine, lines[memberLine].IndexOf("securityContext.", StringComparison.Ordinal) + "securityContext.".Length);
        _manager.Analyze(Uri)?.Diagnostics.ToArray();
    }

    /// <summary>One character typed (or deleted, alternately, so the text stays the same size), then the diagnostics.</summary>
    [Benchmark]
    public int Diagnostics_after_an_edit()
    {
        var change = _inserted
            ? new TextDocumentContentChangeEvent(string.Empty, new Range(_edit, _edit with { Character = _edit.Character + 1 }))
            : new TextDocumentContentChangeEvent("x", new Range(_edit, _edit));
        _inserted = !_inserted;
        _manager.Change(Uri, ++_version, [change]);
        var analysis = _manager.Analyze(Uri) ?? throw new InvalidOperationException("the document is gone");
        return analysis.Diagnostics.Select(DiagnosticConverter.ToLsp).Count();
    }

    /// <summary>Completion after <c>c.securityContext.</c> in the same file.</summary>
    [Benchmark]
    public int Completion_after_a_dot()
    {
        var analysis = _manager.Analyze(Uri) ?? throw new InvalidOperationException("the document is gone");
        return CompletionHandler.Complete(analysis, _member).Items.Count;
    }

    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(30));
    }
}
