// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Output;
using PolicyLang.Cli.Pipeline;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// Runs a policy engine over input items, handing each result and message to a sink in input order. Streams when
/// no rule reads the inventory (memory holds one document at a time); otherwise reads every item first so that
/// cross-object rules see all objects of the run.
/// </summary>
internal static class EvaluationRunner
{
    /// <summary>Evaluates into memory (policy tests, fixtures).</summary>
    public static EvaluationReport Run(PolicyEngine engine, IEnumerable<InputItem> items, CancellationToken cancellationToken = default)
    {
        var report = new EvaluationReport();
        Run(engine, items, report, adjuster: null, progress: null, cancellationToken);
        return report;
    }

    public static void Run(PolicyEngine engine, IEnumerable<InputItem> items, IEvaluationSink sink, FindingAdjuster? adjuster, Action<int>? progress, CancellationToken cancellationToken, PhaseTrace? trace = null)
    {
        var needsInventory = engine.Rules.Any(r => r.Descriptor.UsesInventory);
        var count = 0;
        if (!needsInventory)
        {
            foreach (var item in items)
            {
                Evaluate(engine, item, Inventory.Empty, sink, adjuster, cancellationToken);
                progress?.Invoke(++count);
            }

            return;
        }

        var buffered = items.ToList();
        var inventory = new Inventory(buffered.Select(i => i.Manifest).OfType<ManifestSubject>().ToArray());
        trace?.Mark("inputs read");
        foreach (var item in buffered)
        {
            Evaluate(engine, item, inventory, sink, adjuster, cancellationToken);
            progress?.Invoke(++count);
        }
    }

    private static void Evaluate(PolicyEngine engine, InputItem item, IInventory inventory, IEvaluationSink sink, FindingAdjuster? adjuster, CancellationToken cancellationToken)
    {
        var result = item.Subject switch
        {
            ManifestSubject manifest => engine.EvaluateManifest(manifest, inventory, cancellationToken),
            AdmissionSubject admission => engine.EvaluateAdmission(admission, inventory, cancellationToken),
            ImageSubject image => engine.EvaluateImage(image, inventory, cancellationToken),
            RuntimeEvent runtimeEvent => engine.EvaluateEvent(runtimeEvent, inventory, cancellationToken),
            HostFacts host => engine.EvaluateHost(host, inventory, cancellationToken),
            _ => null,
        };
        if (result is null)
        {
            if (item.Message is { } message)
            {
                sink.Message(ReportMessage.From(message));
            }

            return;
        }

        sink.Result(adjuster is null ? result : adjuster.Adjust(item, result, sink));
    }
}
