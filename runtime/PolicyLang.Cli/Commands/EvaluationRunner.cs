// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Output;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// Runs a policy engine over input items. Streams when no rule reads the inventory (bounded memory); otherwise
/// reads every manifest first so that cross-object rules see all objects of the run.
/// </summary>
internal static class EvaluationRunner
{
    public static EvaluationReport Run(PolicyEngine engine, IEnumerable<InputItem> items, CancellationToken cancellationToken = default, Action<int>? progress = null)
    {
        var report = new EvaluationReport();
        var needsInventory = engine.Rules.Any(r => r.Descriptor.UsesInventory);
        var count = 0;
        if (!needsInventory)
        {
            foreach (var item in items)
            {
                Evaluate(engine, item, Inventory.Empty, report, cancellationToken);
                progress?.Invoke(++count);
            }

            return report;
        }

        var buffered = items.ToList();
        var inventory = new Inventory(buffered.Select(i => i.Manifest).OfType<ManifestSubject>().ToArray());
        foreach (var item in buffered)
        {
            Evaluate(engine, item, inventory, report, cancellationToken);
            progress?.Invoke(++count);
        }

        return report;
    }

    private static void Evaluate(PolicyEngine engine, InputItem item, IInventory inventory, EvaluationReport report, CancellationToken cancellationToken)
    {
        switch (item.Subject)
        {
            case ManifestSubject manifest:
                report.Results.Add(engine.EvaluateManifest(manifest, inventory, cancellationToken));
                break;
            case AdmissionSubject admission:
                report.Results.Add(engine.EvaluateAdmission(admission, inventory, cancellationToken));
                break;
            case ImageSubject image:
                report.Results.Add(engine.EvaluateImage(image, inventory, cancellationToken));
                break;
            case RuntimeEvent runtimeEvent:
                report.Results.Add(engine.EvaluateEvent(runtimeEvent, inventory, cancellationToken));
                break;
            case HostFacts host:
                report.Results.Add(engine.EvaluateHost(host, inventory, cancellationToken));
                break;
            default:
                if (item.Message is { } message)
                {
                    (message.Level == InputMessageLevel.Error ? report.Errors : report.Notices).Add(message.ToInputError());
                }

                break;
        }
    }
}
