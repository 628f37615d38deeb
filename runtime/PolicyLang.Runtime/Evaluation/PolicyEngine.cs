// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// Runs compiled rules over subjects. Each rule runs in isolation: a rule that throws becomes an error finding
/// for that subject and the other rules go on. Thread-safe: each call uses its own context.
/// </summary>
public sealed partial class PolicyEngine
{
    private readonly EngineOptions _options;
    private readonly RuleSlot[] _manifestRules;
    private readonly RuleSlot[] _workloadRules;
    // The workload rules in the order they run (see OverridersFirst) and whether that differs from their order.
    private readonly RuleSlot[] _workloadRun;
    private readonly bool _workloadReordered;
    // Whether a workload rule has a scope to match (else the evaluator reads no labels).
    private readonly bool _workloadScoped;
    private readonly RuleSlot[] _admissionRules;
    private readonly RuleSlot[] _imageRules;
    private readonly RuleSlot[] _eventRules;
    private readonly RuleSlot[] _hostRules;

    public PolicyEngine(CompiledPolicySet policies, EngineOptions? options = null)
    {
        _options = options ?? EngineOptions.Default;
        Policies = policies;
        var selected = policies.Rules.Where(r => _options.RuleFilter?.Invoke(r.Descriptor) ?? true).ToArray();
        var scopes = new Dictionary<CompiledRule, RuleScope>();
        foreach (var rule in selected)
        {
            var scope = rule.Descriptor.Scope;
            if (_options.ScopeOverrides.TryGetValue(rule.Descriptor.Id, out var byRule))
            {
                scope = scope.Narrow(byRule);
            }
            else if (_options.ScopeOverrides.TryGetValue(rule.Descriptor.Policy, out var byPolicy))
            {
                scope = scope.Narrow(byPolicy);
            }

            scopes[rule] = scope;
        }

        Rules = selected;
        _manifestRules = Of(SubjectKind.Manifest);
        _workloadRules = Of(SubjectKind.Workload);
        (_workloadRun, _workloadReordered) = OverridersFirst(_workloadRules);
        _workloadScoped = _workloadRules.Any(r => !r.IsEverywhere);
        _admissionRules = Of(SubjectKind.Admission);
        _imageRules = Of(SubjectKind.Image);
        _eventRules = Of(SubjectKind.Event);
        _eventIndex = EventRuleIndex.Build(_eventRules);
        _hostRules = Of(SubjectKind.Host);

        RuleSlot[] Of(SubjectKind kind) => [.. selected.Where(r => r.Descriptor.Subject == kind).Select((r, i) => new RuleSlot(r, scopes[r], i))];
    }

    public CompiledPolicySet Policies { get; }

    /// <summary>The rules this engine runs (after filtering).</summary>
    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>Evaluates manifest rules and, when the object holds a pod spec, workload rules.</summary>
    public SubjectResult EvaluateManifest(ManifestSubject manifest, IInventory? inventory = null, CancellationToken cancellationToken = default)
    {
        var context = NewContext(inventory, cancellationToken);
        var errors = new List<InputError>();
        var file = EvaluationContext.FileOf(manifest.Source);
        RunManifestAndWorkload(manifest, operation: null, context, errors, file);
        return new SubjectResult(Describe(manifest, "manifest"), context.TakeFindings(), errors);
    }

    /// <summary>Evaluates admission rules on the request, then manifest and workload rules on its object.</summary>
    public SubjectResult EvaluateAdmission(AdmissionSubject admission, IInventory? inventory = null, CancellationToken cancellationToken = default)
    {
        var context = NewContext(inventory, cancellationToken);
        var errors = new List<InputError>();
        var file = EvaluationContext.FileOf(admission.Source);
        var target = admission.Object ?? admission.OldObject;
        foreach (var slot in _admissionRules)
        {
            if (slot.InScope(admission.Kind.Kind, admission.Namespace, admission.Name, target?.Metadata.Labels, admission.Operation))
            {
                context.BeginRule(slot.Rule.Descriptor, admission.Root, file);
                Run(slot.Rule, slot.Rule.Admission, admission, context);
            }
        }

        if (admission.Object is { } obj)
        {
            RunManifestAndWorkload(obj, admission.Operation, context, errors, file);
        }

        var info = new SubjectInfo
        {
            Kind = "admission",
            File = admission.Source.File,
            Document = admission.Source.Document,
            Line = admission.Source.Line,
            ApiVersion = target?.ApiVersion,
            ObjectKind = admission.Kind.Kind,
            Namespace = admission.Namespace,
            Name = admission.Name,
        };
        return new SubjectResult(info, context.TakeFindings(), errors);
    }

    public SubjectResult EvaluateImage(ImageSubject image, IInventory? inventory = null, CancellationToken cancellationToken = default) =>
        RunSimple(_imageRules, image, static r => r.Image, image.Root, image.Source, new SubjectInfo
        {
            Kind = "image",
            File = image.Source?.File,
            Document = image.Source?.Document ?? 0,
            Line = image.Source?.Line ?? 0,
            Name = image.Reference.Original.Length > 0 ? image.Reference.Original : null,
        }, inventory, cancellationToken);

    public SubjectResult EvaluateEvent(RuntimeEvent runtimeEvent, IInventory? inventory = null, CancellationToken cancellationToken = default)
    {
        var context = NewContext(inventory, cancellationToken);
        RunEvent(runtimeEvent, context);
        return new SubjectResult(new SubjectInfo
        {
            Kind = "event",
            File = runtimeEvent.SourceDocument?.File,
            Document = runtimeEvent.SourceDocument?.Document ?? 0,
            Line = runtimeEvent.SourceDocument?.Line ?? 0,
            Namespace = runtimeEvent.K8s.Namespace,
            Name = runtimeEvent.K8s.Pod,
        }, context.TakeFindings(), []);
    }

    public SubjectResult EvaluateHost(HostFacts host, IInventory? inventory = null, CancellationToken cancellationToken = default) =>
        RunSimple(_hostRules, host, static r => r.Host, host.Root, host.Source, new SubjectInfo
        {
            Kind = "host",
            File = host.Source?.File,
            Document = host.Source?.Document ?? 0,
            Line = host.Source?.Line ?? 0,
            Name = host.Node,
        }, inventory, cancellationToken);

    private static SubjectInfo Describe(ManifestSubject manifest, string kind) => new()
    {
        Kind = kind,
        File = manifest.Source.AttributedFile ?? manifest.Source.File,
        Document = manifest.Source.Document,
        Line = manifest.Source.Line,
        ApiVersion = manifest.ApiVersion,
        ObjectKind = manifest.Kind,
        Namespace = manifest.Namespace,
        Name = manifest.Name,
    };

    /// <summary>Creates an evaluator for one thread: it reuses its buffers, so a subject that no rule reports on costs no allocation.</summary>
    public SubjectEvaluator CreateEvaluator(IInventory? inventory = null) =>
        new(this, new EvaluationContext(inventory ?? Inventory.Empty, now: default)); // reset with the clock before each subject

    /// <summary>Runs the workload rules on a workload already read from its manifest (evaluator use); returns false after an input error.</summary>
    internal bool RunWorkload(Workload workload, string? operation, EvaluationContext context, List<InputError>? errors)
    {
        var manifest = workload.Object;
        IDictionary<string, string>? labels = null;
        if (_workloadScoped || !manifest.MetadataBound)
        {
            try
            {
                // Bound once per manifest and cached; the labels are read only when a workload rule's scope needs them.
                var metadata = manifest.Metadata;
                labels = _workloadScoped ? metadata.Labels : null;
            }
            catch (SubjectConversionException e)
            {
                errors?.Add(new InputError(e.Message, context.LocateIn(manifest.Root, EvaluationContext.FileOf(manifest.Source), e.Path)));
                return false;
            }
        }

        // The file is looked up only for a finding's location (see EvaluationContext.BeginSubject).
        RunWorkloadRules(workload, manifest, labels, operation, context, file: null, manifest.Source);
        return true;
    }

    /// <summary>The engine's clock (<see cref="EngineOptions.Clock"/>).</summary>
    internal Func<DateTimeOffset> Clock => _options.Clock;

    private static void Run<T>(CompiledRule rule, Action<T, EvaluationContext>? invoker, T subject, EvaluationContext context)
    {
        try
        {
            context.CheckCancelled();
            invoker?.Invoke(subject, context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Containment is the point: one failing rule must not stop the others or the run.
            ReportFailure(rule, e, context);
        }
    }

    /// <summary>The error finding of a rule that threw on the current subject.</summary>
    private static void ReportFailure(CompiledRule rule, Exception e, EvaluationContext context)
    {
        switch (e)
        {
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                context.ReportError($"rule {rule.Descriptor.Id} was cancelled: the evaluation deadline passed", null);
                break;
            case SubjectConversionException conversion:
                context.ReportError($"rule {rule.Descriptor.Id} could not read the subject: {conversion.Message}", conversion.Path);
                break;
            default:
                context.ReportError($"rule {rule.Descriptor.Id} failed: {e.GetType().Name}: {e.Message}", null);
                break;
        }
    }

    private void RunManifestAndWorkload(ManifestSubject manifest, string? operation, EvaluationContext context, List<InputError> errors, string? file)
    {
        IDictionary<string, string>? labels;
        try
        {
            labels = manifest.Metadata.Labels;
        }
        catch (SubjectConversionException e)
        {
            errors.Add(new InputError(e.Message, context.LocateIn(manifest.Root, file, e.Path)));
            return;
        }

        foreach (var slot in _manifestRules)
        {
            if (slot.InScope(manifest.Kind, manifest.Namespace, manifest.Name, labels, operation))
            {
                context.BeginRule(slot.Rule.Descriptor, manifest.Root, file);
                Run(slot.Rule, slot.Rule.Manifest, manifest, context);
            }
        }

        if (_workloadRules.Length == 0)
        {
            return;
        }

        Workload? workload;
        try
        {
            workload = Workload.From(manifest);
        }
        catch (SubjectConversionException e)
        {
            errors.Add(new InputError($"the pod template cannot be read: {e.Message}", context.LocateIn(manifest.Root, file, e.Path)));
            return;
        }

        if (workload is null)
        {
            return;
        }

        RunWorkloadRules(workload, manifest, labels, operation, context, file, source: null);
    }

    /// <summary>
    /// Runs the workload rules. Findings are located in the manifest's document and attributed to <paramref name="file"/>,
    /// or, when it is null and <paramref name="source"/> is given, to the file of <paramref name="source"/>, looked up
    /// only when a finding is reported.
    /// </summary>
    private void RunWorkloadRules(Workload workload, ManifestSubject manifest, IDictionary<string, string>? labels, string? operation, EvaluationContext context, string? file, SourceDocument? source)
    {
        // The hot loop of workload evaluation: one protected region for all the rules (re-entered after a rule fails,
        // at the next rule), with what each rule needs decided when the engine was built. The findings are the same,
        // in the same order, as running each rule in turn through Run: a rule is skipped only where a rule overriding
        // it has applied (its findings would be dropped), and when the rules run out of their order, each one's
        // findings are put back in its place afterwards.
        context.Warmed = Warm(workload);
        context.BeginSubject(manifest.Root, file, source);
        var rules = _workloadRun;
        var reordered = _workloadReordered;
        var next = 0;
        while (next < rules.Length)
        {
            var slot = rules[next];
            var start = context.FindingCount;
            try
            {
                for (; next < rules.Length; next++)
                {
                    slot = rules[next];
                    start = context.FindingCount;
                    if ((slot.IsEverywhere || slot.Scope.Matches(manifest.Kind, manifest.Namespace, manifest.Name, labels, operation))
                        && (slot.Overriders is not { } overriders || !context.AppliedAny(overriders)))
                    {
                        context.BeginRule(slot.Rule.Descriptor, slot.Mutates);
                        context.CheckCancelled();
                        slot.Workload?.Invoke(workload, context);
                        if (reordered && context.FindingCount != start)
                        {
                            context.AddRuleFindings(slot.Ordinal, start);
                        }
                    }
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Containment is the point: one failing rule must not stop the others or the run.
                ReportFailure(slot.Rule, e, context);
                if (reordered)
                {
                    context.AddRuleFindings(slot.Ordinal, start);
                }

                next++;
            }
        }

        if (reordered)
        {
            context.OrderRuleFindings();
        }
    }

    /// <summary>
    /// The order to run a subject's rules in, and whether it differs from theirs: the rules with <c>@overrides</c>
    /// first (in their order), then the others, each of those marked with the rules that override it, so that it is
    /// not run on a subject where one of them has applied. Left in order when no rule overrides another, or when one
    /// mutates (a mutation's operations depend on the mutations planned before it).
    /// </summary>
    private static (RuleSlot[] Run, bool Reordered) OverridersFirst(RuleSlot[] rules)
    {
        if (rules.Any(r => r.Mutates) || !rules.Any(r => r.Rule.Descriptor.Overrides.Count > 0))
        {
            return (rules, false);
        }

        var marked = rules.Select(r => r.Rule.Descriptor.Overrides.Count > 0 ? r : r.OverriddenBy(
            [.. rules.Where(o => o.Rule.Descriptor.Overrides.Contains(r.Rule.Descriptor.Id, StringComparer.Ordinal)).Select(o => o.Rule.Descriptor)])).ToArray();
        RuleSlot[] run = [.. marked.Where(r => r.Rule.Descriptor.Overrides.Count > 0), .. marked.Where(r => r.Rule.Descriptor.Overrides.Count == 0)];
        var reordered = !run.Select(r => r.Ordinal).SequenceEqual(Enumerable.Range(0, run.Length));
        return reordered || marked.Any(r => r.Overriders is not null) ? (run, reordered) : (rules, false);
    }

    private SubjectResult RunSimple<T>(RuleSlot[] rules, T subject, Func<CompiledRule, Action<T, EvaluationContext>?> invoker, DocNode? root, SourceDocument? source, SubjectInfo info, IInventory? inventory, CancellationToken cancellationToken)
    {
        var context = NewContext(inventory, cancellationToken);
        var file = EvaluationContext.FileOf(source);
        foreach (var slot in rules)
        {
            if (slot.InScope(null, info.Namespace, info.Name, null, null))
            {
                context.BeginRule(slot.Rule.Descriptor, root, file, source?.Line ?? 0);
                Run(slot.Rule, invoker(slot.Rule), subject, context);
            }
        }

        return new SubjectResult(info, context.TakeFindings(), []);
    }

    private EvaluationContext NewContext(IInventory? inventory, CancellationToken cancellationToken) =>
        new(inventory ?? Inventory.Empty, _options.Clock(), cancellationToken);

    /// <summary>A rule with its effective scope; <see cref="IsEverywhere"/> is computed once, so unscoped rules cost no check.</summary>
    private sealed class RuleSlot
    {
        public RuleSlot(CompiledRule rule, RuleScope scope, int ordinal)
        {
            Rule = rule;
            Scope = scope;
            Ordinal = ordinal;
            IsEverywhere = scope.IsEverything;
            Mutates = EvaluationContext.Mutates(rule.Descriptor);
            Workload = rule.Workload;
        }

        /// <summary>Whether the rule has a mutate statement (its comprehension lists must not be reused).</summary>
        public bool Mutates { get; }

        /// <summary>The rule's delegate when it is a workload rule.</summary>
        public Action<Workload, EvaluationContext>? Workload { get; }

        public CompiledRule Rule { get; }

        public RuleScope Scope { get; }

        public bool IsEverywhere { get; }

        /// <summary>The rule's place among the engine's rules of its subject kind: where its findings go.</summary>
        public int Ordinal { get; }

        /// <summary>The rules that override this one, run before it; null when it always runs.</summary>
        public RuleDescriptor[]? Overriders { get; private init; }

        public bool InScope(string? kind, string? @namespace, string? name, IDictionary<string, string>? labels, string? operation) =>
            IsEverywhere || Scope.Matches(kind, @namespace, name, labels, operation);

        /// <summary>This slot, not to be run on a subject where one of <paramref name="overriders"/> has applied.</summary>
        public RuleSlot OverriddenBy(RuleDescriptor[] overriders) =>
            overriders.Length == 0 ? this : new RuleSlot(Rule, Scope, Ordinal) { Overriders = overriders };
    }
}
