// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using PolicyLang.Benchmarks.Baselines;
using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Support;

/// <summary>
/// Where the time of an evaluation goes, rule by rule: each rule's delegate runs alone over the corpus (after a
/// warm-up), beside the hand-written baseline and the whole evaluation through <see cref="SubjectEvaluator"/>.
/// A Stopwatch loop, indicative only (no statistics; use the BenchmarkDotNet suite for figures):
/// <c>… -- time pss clean|mixed [passes] [interleaved|coldrules] [subjects=N]</c> (N workloads generated, 10,000 by default;
/// a few thousand stay in the CPU caches), <c>… -- time events [passes] [events]</c>. For events, a rule's time
/// is averaged over all events, though the engine runs it only on the event types it can apply to; with a few
/// thousand events the corpus stays in the CPU caches and the figures show computation rather than memory stalls.
/// <c>POLICYLANG_TIME_SUMMARY=1</c> prints the whole-evaluation lines only (quick before/after comparisons).
/// </summary>
public static class RuleTiming
{
    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length > 1 && args[1] == "events")
        {
            return RunEvents(args.Length > 2 ? Count(args[2]) : 20, args.Length > 3 ? Count(args[3]) : 200_000, output);
        }

        var count = args.FirstOrDefault(a => a.StartsWith("subjects=", StringComparison.Ordinal)) is { } given ? Count(given["subjects=".Length..]) : 10_000;
        args = [.. args.Where(a => !a.StartsWith("subjects=", StringComparison.Ordinal))];
        var generated = WorkloadCorpus.Generate(count);
        if (args.Length > 2 && args[2] == "clean")
        {
            generated = WorkloadCorpus.Clean(generated);
        }

        var subjects = WorkloadSubjects.Create(generated);
        var typed = subjects.Typed;
        if (args.Length > 4 && args[4] == "coldrules")
        {
            return ColdRules(subjects.Workloads, Count(args[3]), output);
        }

        if (args.Length > 4 && args[4] == "interleaved")
        {
            return Interleaved(subjects.Workloads, typed, Count(args[3]), output);
        }

        // The hand-written code over PolicyLang's own models of the same subjects: reading them puts PolicyLang's data in the caches.
        var shared = subjects.Workloads.Select(w => new TypedWorkload(w.MetadataPath, w.SpecPath, w.Metadata, w.Spec)).ToArray();
        var findings = new List<FindingKey>();
        return Report(
            subjects.Workloads,
            PolicyFixture.Engine(RepositoryPaths.PodSecurity),
            args.Length > 3 ? Count(args[3]) : 20,
            Baseline(typed),
            Baseline(shared),
            (evaluator, workload) => evaluator.EvaluateWorkload(workload),
            output);

        Action<int> Baseline(TypedWorkload[] over) => i =>
        {
            findings.Clear();
            PodSecurityBaseline.Check(over[i], findings);
        };
    }

    private static int RunEvents(int passes, int count, TextWriter output)
    {
        var events = EventCorpus.Generate(count);
        var findings = new List<FindingKey>();
        Action<int> baseline = i =>
        {
            findings.Clear();
            RuntimeDetectionBaseline.Check(events[i], findings);
        };

        // The hand-written code reads the very events PolicyLang evaluates: one delegate serves both measurements.
        return Report(
            events,
            PolicyFixture.Engine(RepositoryPaths.RuntimeDetections),
            passes,
            baseline,
            baseline,
            (evaluator, runtimeEvent) => evaluator.EvaluateEvent(runtimeEvent),
            output,
            (rule, runtimeEvent) => rule.EventTypes is not { } types || (runtimeEvent.Type is { } type && types.Contains(type)));
    }

    private static int Report<T>(T[] subjects, PolicyEngine engine, int passes, Action<int> baselineOne, Action<int> baselineOnSubject, Action<SubjectEvaluator, T> evaluate, TextWriter output, Func<RuleDescriptor, T, bool>? applies = null)
    {
        var evaluator = engine.CreateEvaluator();
        var baseline = Time(() =>
        {
            for (var i = 0; i < subjects.Length; i++)
            {
                baselineOne(i);
            }
        });
        var whole = Time(() =>
        {
            for (var i = 0; i < subjects.Length; i++)
            {
                evaluate(evaluator, subjects[i]);
            }
        });
        // The engine's own share: the same rules, scopes and overrides, each rule's body replaced by nothing.
        var noOp = new Action<T, EvaluationContext>((_, _) => { });
        var empty = new PolicyEngine(CompiledPolicySet.Create(engine.Policies.Manifest, [.. engine.Rules.Select(r => new CompiledRule(r.Descriptor, noOp))], engine.Policies.Assembly)).CreateEvaluator();
        var dispatch = Time(() =>
        {
            for (var i = 0; i < subjects.Length; i++)
            {
                evaluate(empty, subjects[i]);
            }
        });
        var twice = Time(() =>
        {
            for (var i = 0; i < subjects.Length; i++)
            {
                evaluate(evaluator, subjects[i]);
                evaluate(evaluator, subjects[i]);
            }
        });
        // Right after the hand-written code has read the same subject: its data is in the caches, but the branches
        // have not seen it. Against "again at once", the difference is what mispredicted branches cost.
        var baselineShared = Time(() =>
        {
            for (var i = 0; i < subjects.Length; i++)
            {
                baselineOnSubject(i);
            }
        });
        var afterBaseline = Time(() =>
        {
            for (var i = 0; i < subjects.Length; i++)
            {
                baselineOnSubject(i);
                evaluate(evaluator, subjects[i]);
            }
        });
        var baselineTwice = Time(() =>
        {
            for (var i = 0; i < subjects.Length; i++)
            {
                baselineOnSubject(i);
                baselineOnSubject(i);
            }
        });
        if (subjects is Workload[] ws)
        {
            var warm = ReadAhead();
            var sink = 0;
            var warmAlone = Time(() =>
            {
                for (var i = 0; i < ws.Length; i++)
                {
                    sink ^= warm(ws[i]);
                }
            });
            output.WriteLine($"{warmAlone,8:F0} ns  read-ahead alone ({sink})");
        }

        output.WriteLine($"{baselineTwice - baselineShared,8:F0} ns  hand-written baseline, same subject again at once");
        output.WriteLine($"{baseline,8:F0} ns  hand-written baseline");
        output.WriteLine($"{baselineShared,8:F0} ns  hand-written baseline over PolicyLang's own models");
        output.WriteLine($"{whole,8:F0} ns  SubjectEvaluator, all rules ({whole / baseline:F2}x)");
        output.WriteLine($"{afterBaseline - baselineShared,8:F0} ns  SubjectEvaluator right after the hand-written code on the same subject (data in the caches, branches not trained on it)");
        output.WriteLine($"{twice - whole,8:F0} ns  SubjectEvaluator, the same subject again at once (data in the caches and branches trained on it)");
        output.WriteLine($"{dispatch,8:F0} ns  SubjectEvaluator, every rule's body empty (the engine's own share, reading ahead included)");

        if (Environment.GetEnvironmentVariable("POLICYLANG_TIME_SUMMARY") == "1")
        {
            return 0; // the whole-evaluation lines only, for quick comparisons
        }

        var context = new EvaluationContext(Inventory.Empty, DateTimeOffset.UnixEpoch);
        var sum = 0.0;
        foreach (var rule in engine.Rules)
        {
            if (rule.Invoker is not Action<T, EvaluationContext> run)
            {
                continue;
            }

            // Only the subjects the engine would run the rule on (events of its types), averaged over all subjects.
            var own = applies is null ? subjects : [.. subjects.Where(x => applies(rule.Descriptor, x))];
            var ns = own.Length == 0 ? 0 : Time(() =>
            {
                for (var i = 0; i < own.Length; i++)
                {
                    context.BeginRule(rule.Descriptor, null, null);
                    run(own[i], context);
                    context.TakeFindings();
                }
            }); // per subject of the whole corpus: the pass covers only the rule's own
            sum += ns;
            output.WriteLine($"{ns,8:F0} ns  {rule.Descriptor.Id} {rule.Descriptor.Name}");
        }

        output.WriteLine($"{sum,8:F0} ns  sum of the rules run directly (dispatch overhead ≈ {whole - sum:F0} ns)");
        return 0;

        double Time(Action pass)
        {
            // A second of passes first, so that a small corpus is timed on tier-1 code too (a pass of a few hundred
            // subjects is over before the tiered JIT has replaced the first code).
            var warmUntil = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
            do
            {
                pass();
            }
            while (Stopwatch.GetTimestamp() < warmUntil);
            var best = double.MaxValue;
            for (var p = 0; p < passes; p++)
            {
                var started = Stopwatch.GetTimestamp();
                pass();
                best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalNanoseconds / subjects.Length);
            }

            return best;
        }
    }

    /// <summary>
    /// <c>time pss clean|mixed passes interleaved</c>: the hand-written code, PolicyLang and the engine's read-ahead alone,
    /// one pass over the corpus each in turn, the best pass of each kept. Every pass finds the corpus cold (the other two
    /// passes have been through memory since), and a load that comes and goes on the machine slows all three alike, so
    /// the ratios hold on a busy machine where separate runs do not.
    /// </summary>
    private static int Interleaved(Workload[] workloads, TypedWorkload[] typed, int passes, TextWriter output)
    {
        var evaluator = PolicyFixture.Engine(RepositoryPaths.PodSecurity).CreateEvaluator();
        var warm = ReadAhead();
        var findings = new List<FindingKey>();
        var sink = 0;
        var best = BestOfAlternatingPasses(passes, workloads.Length, [
            () =>
            {
                for (var i = 0; i < typed.Length; i++)
                {
                    findings.Clear();
                    PodSecurityBaseline.Check(typed[i], findings);
                }
            },
            () =>
            {
                for (var i = 0; i < workloads.Length; i++)
                {
                    evaluator.EvaluateWorkload(workloads[i]);
                }
            },
            () =>
            {
                for (var i = 0; i < workloads.Length; i++)
                {
                    sink ^= warm(workloads[i]);
                }
            },
        ]);

        output.WriteLine($"{best[0],8:F0} ns  hand-written baseline (cold)");
        output.WriteLine($"{best[1],8:F0} ns  SubjectEvaluator ({best[1] / best[0]:F2}x)");
        output.WriteLine($"{best[2],8:F0} ns  the engine's read-ahead alone ({best[2] / best[0]:F2}x; {sink})");
        return 0;
    }

    /// <summary>
    /// <c>time pss clean|mixed passes coldrules</c>: each rule alone, right after the engine's read-ahead of the same
    /// subject, one pass over the corpus per rule in turn (so every pass finds the corpus cold), less a pass of the
    /// read-ahead alone: what each rule adds on a cold subject once the read-ahead has issued its reads. Against the
    /// rule's warm time (the default mode), the difference is what it waits for: the read-ahead's reads still coming
    /// from memory, and what the read-ahead does not read. Every workload rule runs, the baseline rules that the engine
    /// skips where their restricted override applies included, so that each one's cost is seen.
    /// </summary>
    private static int ColdRules(Workload[] workloads, int passes, TextWriter output)
    {
        var engine = PolicyFixture.Engine(RepositoryPaths.PodSecurity);
        var warm = ReadAhead();
        var context = new EvaluationContext(Inventory.Empty, DateTimeOffset.UnixEpoch);
        var rules = engine.Rules.Where(r => r.Invoker is Action<Workload, EvaluationContext>).ToArray();
        var sink = 0;
        var best = BestOfAlternatingPasses(passes, workloads.Length, [
            () =>
            {
                for (var i = 0; i < workloads.Length; i++)
                {
                    sink ^= warm(workloads[i]);
                }
            },
            .. rules.Select(rule => (Action)(() =>
            {
                var run = (Action<Workload, EvaluationContext>)rule.Invoker!;
                for (var i = 0; i < workloads.Length; i++)
                {
                    sink ^= warm(workloads[i]);
                    context.BeginRule(rule.Descriptor, null, null);
                    run(workloads[i], context);
                    context.TakeFindings();
                }
            })),
        ]);

        output.WriteLine($"{best[0],8:F0} ns  read-ahead alone ({sink}; every workload rule below, overridden ones included)");
        for (var k = 1; k <= rules.Length; k++)
        {
            output.WriteLine($"{best[k] - best[0],8:F0} ns  {rules[k - 1].Descriptor.Id} {rules[k - 1].Descriptor.Name} after the read-ahead");
        }

        return 0;
    }

    /// <summary>
    /// Runs the passes in turn, each over the whole corpus, <paramref name="passes"/> times after two rounds of warm-up,
    /// and gives each pass's best time per subject. A pass finds the corpus cold, since the others have been through
    /// memory since it last ran.
    /// </summary>
    private static double[] BestOfAlternatingPasses(int passes, int subjects, Action[] kinds)
    {
        var best = new double[kinds.Length];
        Array.Fill(best, double.MaxValue);
        for (var p = 0; p < passes + 2; p++)
        {
            for (var kind = 0; kind < kinds.Length; kind++)
            {
                var started = Stopwatch.GetTimestamp();
                kinds[kind]();
                if (p >= 2)
                {
                    best[kind] = Math.Min(best[kind], Stopwatch.GetElapsedTime(started).TotalNanoseconds / subjects);
                }
            }
        }

        return best;
    }

    /// <summary>The engine's read-ahead of a workload (private; timed alone here to show the memory phase's share).</summary>
    private static Func<Workload, int> ReadAhead() =>
        typeof(PolicyEngine).GetMethod("Warm", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static, [typeof(Workload)])
            ?.CreateDelegate<Func<Workload, int>>() ?? throw new InvalidOperationException("PolicyEngine.Warm(Workload) is gone");

    /// <summary>A count of the command line (passes, subjects, events): a positive whole number.</summary>
    private static int Count(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count > 0
            ? count
            : throw new ArgumentException($"time: \"{text}\" is not a count (a positive whole number)");
}
