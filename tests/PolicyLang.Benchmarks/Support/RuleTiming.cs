// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using PolicyLang.Benchmarks.Baselines;
using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Support;

/// <summary>
/// Where the time of the Pod Security evaluation goes, rule by rule: each rule's delegate runs alone over the corpus
/// (after a warm-up), beside the hand-written baseline and the whole evaluation through <see cref="SubjectEvaluator"/>.
/// A Stopwatch loop, indicative only (no statistics; use the BenchmarkDotNet suite for figures):
/// <c>… -- time pss clean|mixed [passes]</c>.
/// </summary>
public static class RuleTiming
{
    public static int Run(string[] args, TextWriter output)
    {
        var generated = WorkloadCorpus.Generate(10_000);
        if (args.Length > 2 && args[2] == "clean")
        {
            generated = WorkloadCorpus.Clean(generated);
        }

        var passes = args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 20;
        var subjects = WorkloadSubjects.Create(generated);
        var workloads = subjects.Workloads;
        var typed = subjects.Typed;
        var engine = PolicyFixture.Engine(RepositoryPaths.PodSecurity);
        var evaluator = engine.CreateEvaluator();
        var findings = new List<FindingKey>();

        var baseline = Time(() =>
        {
            for (var i = 0; i < typed.Length; i++)
            {
                findings.Clear();
                PodSecurityBaseline.Check(typed[i], findings);
            }
        });
        var whole = Time(() =>
        {
            for (var i = 0; i < workloads.Length; i++)
            {
                evaluator.EvaluateWorkload(workloads[i]);
            }
        });
        output.WriteLine($"{baseline,8:F0} ns  hand-written baseline");
        output.WriteLine($"{whole,8:F0} ns  SubjectEvaluator, all rules ({whole / baseline:F2}x)");

        var context = new EvaluationContext(Inventory.Empty, DateTimeOffset.UnixEpoch);
        var sum = 0.0;
        foreach (var rule in engine.Rules)
        {
            if (rule.Invoker is not Action<Workload, EvaluationContext> run)
            {
                continue;
            }

            var ns = Time(() =>
            {
                for (var i = 0; i < workloads.Length; i++)
                {
                    context.BeginRule(rule.Descriptor, null, null);
                    run(workloads[i], context);
                    context.TakeFindings();
                }
            });
            sum += ns;
            output.WriteLine($"{ns,8:F0} ns  {rule.Descriptor.Id} {rule.Descriptor.Name}");
        }

        output.WriteLine($"{sum,8:F0} ns  sum of the rules run directly (dispatch overhead ≈ {whole - sum:F0} ns)");
        return 0;

        double Time(Action pass)
        {
            pass();
            pass();
            var best = double.MaxValue;
            for (var p = 0; p < passes; p++)
            {
                var started = Stopwatch.GetTimestamp();
                pass();
                best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalNanoseconds / workloads.Length);
            }

            return best;
        }
    }
}
