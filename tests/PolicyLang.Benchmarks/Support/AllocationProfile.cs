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
