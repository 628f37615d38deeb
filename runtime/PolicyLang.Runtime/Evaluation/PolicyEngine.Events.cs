// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Frozen;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>Event rules, dispatched by event type.</summary>
public sealed partial class PolicyEngine
{
    private readonly EventRuleIndex _eventIndex;

    /// <summary>
    /// Runs the event rules that can apply to the event's type (<see cref="RuleDescriptor.EventTypes"/>), in the
    /// policy set's order. The rules left out are those the compiler proved false without error on this type, so the
    /// findings are those of running every rule. Once the evaluation is cancelled, every rule from there on runs
    /// (and reports its cancellation), as without the index.
    /// </summary>
    internal void RunEvent(RuntimeEvent runtimeEvent, EvaluationContext context)
    {
        context.Warmed = Warm(runtimeEvent);
        var source = runtimeEvent.SourceDocument;
        var file = EvaluationContext.FileOf(source);
        var line = source?.Line ?? 0;
        var (slots, positions) = _eventIndex.For(runtimeEvent.Type);
        var cancellation = context.CancellationToken;
        var next = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            if (cancellation.IsCancellationRequested)
            {
                break;
            }

            RunEventRule(slots[i], runtimeEvent, context, file, line);
            next = positions[i] + 1;
        }

        if (cancellation.IsCancellationRequested)
        {
            for (var i = next; i < _eventRules.Length; i++)
            {
                RunEventRule(_eventRules[i], runtimeEvent, context, file, line);
            }
        }
    }

    /// <summary>
    /// Reads the parts of the event that event rules read, in one straight line: for an event that comes cold from
    /// memory (a queue, a replay), their cache misses then overlap, instead of coming one after another behind each
    /// rule's early exits. The result is only stored, so the loads are not dropped.
    /// </summary>
    private static int Warm(RuntimeEvent e) =>
        // Null-tolerant throughout: this runs outside the rules' error containment.
        (e.Type?.Length ?? 0) ^ (e.Proc?.Name?.Length ?? 0) ^ (e.Proc?.Parent?.Name?.Length ?? 0) ^ (e.File?.Path?.Length ?? 0)
        ^ (e.File?.Name?.Length ?? 0) ^ (e.Net?.DestIp?.Length ?? 0) ^ (e.Container?.Id?.Length ?? 0) ^ (e.K8s?.Namespace?.Length ?? 0);

    private static void RunEventRule(RuleSlot slot, RuntimeEvent runtimeEvent, EvaluationContext context, string? file, int line)
    {
        if (slot.IsEverywhere || slot.Scope.Matches(null, runtimeEvent.K8s.Namespace, runtimeEvent.K8s.Pod, null, null))
        {
            context.BeginRule(slot.Rule.Descriptor, slot.Mutates, null, file, line);
            Run(slot.Rule, slot.Rule.Event, runtimeEvent, context);
        }
    }

    /// <summary>
    /// Event type → the event rules that can apply to it, in order (rules for every type merged in); built once per
    /// engine, as Falco indexes its rules by <c>evt.type</c>. Types no rule names, and events without a type, get the
    /// rules that apply to every type.
    /// </summary>
    private sealed class EventRuleIndex
    {
        private readonly FrozenDictionary<string, Dispatch> _byType;
        private readonly Dispatch _anyType;

        private EventRuleIndex(FrozenDictionary<string, Dispatch> byType, Dispatch anyType)
        {
            _byType = byType;
            _anyType = anyType;
        }

        public static EventRuleIndex Build(RuleSlot[] rules)
        {
            var types = rules.SelectMany(r => r.Rule.Descriptor.EventTypes ?? []).ToHashSet(StringComparer.Ordinal);
            var byType = types.ToFrozenDictionary(t => t, t => Select(rules, r => r.Rule.Descriptor.EventTypes is not { } only || only.Contains(t)), StringComparer.Ordinal);
            return new EventRuleIndex(byType, Select(rules, r => r.Rule.Descriptor.EventTypes is null));
        }

        public Dispatch For(string? type) => type is not null && _byType.TryGetValue(type, out var dispatch) ? dispatch : _anyType;

        private static Dispatch Select(RuleSlot[] rules, Func<RuleSlot, bool> applies)
        {
            var positions = Enumerable.Range(0, rules.Length).Where(i => applies(rules[i])).ToArray();
            return new Dispatch([.. positions.Select(i => rules[i])], positions);
        }
    }

    /// <summary>The rules to run, with each one's position among all event rules.</summary>
    private readonly record struct Dispatch(RuleSlot[] Slots, int[] Positions);
}
