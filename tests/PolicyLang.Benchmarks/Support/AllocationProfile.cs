// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Support;

/// <summary>
/// Where the allocations of an evaluation come from, rule by rule: each rule's delegate runs alone over the corpus and
/// the bytes this thread allocated (<see cref="GC.GetAllocatedBytesForCurrentThread"/>) are divided by the subjects.
/// Untimed and exact, so it works on a busy machine: <c>… -- alloc pss clean|mixed</c>, <c>… -- alloc events</c>;
/// <c>… -- alloc source pss|events</c> prints the generated C#.
/// </summary>
public static class AllocationProfile
{
    public static int Run(string[] args, TextWriter output)
    {
        var what = args.Length > 1 ? args[1] : "pss";
        if (what == "source")
        {
            var folder = args.Length > 2 && args[2] == "events" ? RepositoryPaths.RuntimeDetections : RepositoryPaths.PodSecurity;
            output.WriteLine(PolicyFixture.Emit(folder).GeneratedSource);
            return 0;
        }

        if (what == "manifests")
        {
            return ManifestParsingProfile.Run(args, output);
        }

        if (what == "events-json")
        {
            ReportEventParsing(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20_000, output);
            return 0;
        }

        if (what == "events")
        {
            var events = EventCorpus.Generate(args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000);
            var engine = PolicyFixture.Engine(RepositoryPaths.RuntimeDetections);
            Report(engine, events, r => r.Invoker as Action<RuntimeEvent, EvaluationContext>, e => engine.CreateEvaluator().EvaluateEvent(e), output);
            return 0;
        }

        var generated = WorkloadCorpus.Generate(10_000);
        if (args.Length > 2 && args[2] == "clean")
        {
            generated = WorkloadCorpus.Clean(generated);
        }

        var workloads = WorkloadSubjects.Create(generated).Workloads;
        var pss = PolicyFixture.Engine(RepositoryPaths.PodSecurity);
        Report(pss, workloads, r => r.Invoker as Action<Workload, EvaluationContext>, w => pss.CreateEvaluator().EvaluateWorkload(w), output);
        return 0;
    }

    /// <summary>Bytes per event of each stage of reading a JSON-lines stream: documents, subjects, evaluation.</summary>
    private static void ReportEventParsing(int count, TextWriter output)
    {
        var stream = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', EventCorpus.ToJsonLines(EventCorpus.Generate(count))) + "\n");
        var documents = new PolicyLang.Runtime.Adapters.DocumentReader();
        var reader = new PolicyLang.Runtime.Adapters.InputReader(new() { Subject = SubjectKind.Event });
        var evaluator = PolicyFixture.Engine(RepositoryPaths.RuntimeDetections).CreateEvaluator();
        output.WriteLine($"{stream.Length / (double)count,10:F1} bytes of JSON per event");
        Stage("documents (lines, JSON parser, positions)", () => documents.Read(new MemoryStream(stream), "events.jsonl", PolicyLang.Runtime.Adapters.DocumentFormat.JsonLines).Count());
        Stage("documents + subjects (event mapping)", () => reader.ReadStream(new MemoryStream(stream), "events.jsonl", PolicyLang.Runtime.Adapters.DocumentFormat.JsonLines).Count());
        Stage("documents + subjects + evaluation", () => reader.ReadStream(new MemoryStream(stream), "events.jsonl", PolicyLang.Runtime.Adapters.DocumentFormat.JsonLines)
            .Sum(i => i.Event is { } e ? evaluator.EvaluateEvent(e).Count : 0));

        void Stage(string name, Func<int> run)
        {
            run();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var n = run();
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            output.WriteLine($"{(GC.GetAllocatedBytesForCurrentThread() - before) / (double)count,10:F1} B per event, {elapsed.TotalNanoseconds / count,8:F0} ns per event (untimed run, indicative)  {name} ({n})");
        }
    }

    private static void Report<T>(PolicyEngine engine, T[] subjects, Func<CompiledRule, Action<T, EvaluationContext>?> invoker, Action<T> warmUp, TextWriter output)
        where T : class
    {
        foreach (var subject in subjects.Take(200))
        {
            warmUp(subject);
        }

        var context = new EvaluationContext(Inventory.Empty, DateTimeOffset.UnixEpoch);
        var total = 0.0;
        foreach (var rule in engine.Rules)
        {
            if (invoker(rule) is not { } run)
            {
                continue;
            }

            var findings = 0;
            for (var pass = 0; pass < 2; pass++)
            {
                // The first pass warms the rule up (tiering, lazily bound fields); the second is measured.
                var before = GC.GetAllocatedBytesForCurrentThread();
                findings = 0;
                foreach (var subject in subjects)
                {
                    context.BeginRule(rule.Descriptor, null, null);
                    run(subject, context);
                    findings += context.TakeFindings().Count;
                }

                if (pass == 1)
                {
                    var perSubject = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)subjects.Length;
                    total += perSubject;
                    output.WriteLine($"{perSubject,10:F1} B  {findings,7} findings  {rule.Descriptor.Id}");
                }
            }
        }

        output.WriteLine($"{total,10:F1} B per subject, all rules run directly");
        var evaluator = engine.CreateEvaluator();
        var start = GC.GetAllocatedBytesForCurrentThread();
        var found = 0;
        foreach (var subject in subjects)
        {
            found += subject switch
            {
                Workload w => evaluator.EvaluateWorkload(w).Findings.Count,
                RuntimeEvent e => evaluator.EvaluateEvent(e).Count,
                _ => 0,
            };
        }

        output.WriteLine($"{(GC.GetAllocatedBytesForCurrentThread() - start) / (double)subjects.Length,10:F1} B per subject through SubjectEvaluator ({found} findings)");
    }
}
