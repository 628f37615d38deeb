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
public sealed class PolicyEngine
{
    private readonly EngineOptions _options;
    private readonly CompiledRule[] _manifestRules;
    private readonly CompiledRule[] _workloadRules;
    private readonly CompiledRule[] _admissionRules;
    private readonly CompiledRule[] _imageRules;
    private readonly CompiledRule[] _eventRules;
    private readonly CompiledRule[] _hostRules;
    private readonly Dictionary<CompiledRule, RuleScope> _scopes = [];

    public PolicyEngine(CompiledPolicySet policies, EngineOptions? options = null)
    {
        _options = options ?? EngineOptions.Default;
        Policies = policies;
        var selected = policies.Rules.Where(r => _options.RuleFilter?.Invoke(r.Descriptor) ?? true).ToArray();
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

            _scopes[rule] = scope;
        }

        Rules = selected;
        _manifestRules = Of(SubjectKind.Manifest);
        _workloadRules = Of(SubjectKind.Workload);
        _admissionRules = Of(SubjectKind.Admission);
        _imageRules = Of(SubjectKind.Image);
        _eventRules = Of(SubjectKind.Event);
        _hostRules = Of(SubjectKind.Host);

        CompiledRule[] Of(SubjectKind kind) => selected.Where(r => r.Descriptor.Subject == kind).ToArray();
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
        foreach (var rule in _admissionRules)
        {
            if (InScope(rule, admission.Kind.Kind, admission.Namespace, admission.Name, target?.Metadata.Labels, admission.Operation))
            {
                context.BeginRule(rule.Descriptor, admission.Root, file);
                Run(rule, context, () => rule.Admission?.Invoke(admission, context));
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
        RunSimple(_imageRules, image, (r, c) => r.Image?.Invoke(image, c), image.Root, image.Source, new SubjectInfo
        {
            Kind = "image",
            File = image.Source?.File,
            Document = image.Source?.Document ?? 0,
            Line = image.Source?.Line ?? 0,
            Name = image.Reference.Original.Length > 0 ? image.Reference.Original : null,
        }, inventory, cancellationToken);

    public SubjectResult EvaluateEvent(RuntimeEvent runtimeEvent, IInventory? inventory = null, CancellationToken cancellationToken = default) =>
        RunSimple(_eventRules, runtimeEvent, (r, c) => r.Event?.Invoke(runtimeEvent, c), null, runtimeEvent.SourceDocument, new SubjectInfo
        {
            Kind = "event",
            File = runtimeEvent.SourceDocument?.File,
            Document = runtimeEvent.SourceDocument?.Document ?? 0,
            Line = runtimeEvent.SourceDocument?.Line ?? 0,
            Namespace = runtimeEvent.K8s.Namespace,
            Name = runtimeEvent.K8s.Pod,
        }, inventory, cancellationToken);

    public SubjectResult EvaluateHost(HostFacts host, IInventory? inventory = null, CancellationToken cancellationToken = default) =>
        RunSimple(_hostRules, host, (r, c) => r.Host?.Invoke(host, c), host.Root, host.Source, new SubjectInfo
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

    private static void Run(CompiledRule rule, EvaluationContext context, Action invoke)
    {
        try
        {
            context.CheckCancelled();
            invoke();
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            context.ReportError($"rule {rule.Descriptor.Id} was cancelled: the evaluation deadline passed", null);
        }
        catch (SubjectConversionException e)
        {
            context.ReportError($"rule {rule.Descriptor.Id} could not read the subject: {e.Message}", e.Path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Containment is the point: one failing rule must not stop the others or the run.
            context.ReportError($"rule {rule.Descriptor.Id} failed: {e.GetType().Name}: {e.Message}", null);
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

        foreach (var rule in _manifestRules)
        {
            if (InScope(rule, manifest.Kind, manifest.Namespace, manifest.Name, labels, operation))
            {
                context.BeginRule(rule.Descriptor, manifest.Root, file);
                Run(rule, context, () => rule.Manifest?.Invoke(manifest, context));
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

        foreach (var rule in _workloadRules)
        {
            if (InScope(rule, manifest.Kind, manifest.Namespace, manifest.Name, labels, operation))
            {
                context.BeginRule(rule.Descriptor, manifest.Root, file);
                Run(rule, context, () => rule.Workload?.Invoke(workload, context));
            }
        }
    }

    private SubjectResult RunSimple<T>(CompiledRule[] rules, T subject, Action<CompiledRule, EvaluationContext> invoke, DocNode? root, SourceDocument? source, SubjectInfo info, IInventory? inventory, CancellationToken cancellationToken)
    {
        var context = NewContext(inventory, cancellationToken);
        var file = EvaluationContext.FileOf(source);
        foreach (var rule in rules)
        {
            if (InScope(rule, null, info.Namespace, info.Name, null, null))
            {
                context.BeginRule(rule.Descriptor, root, file);
                Run(rule, context, () => invoke(rule, context));
            }
        }

        _ = subject;
        return new SubjectResult(info, context.TakeFindings(), []);
    }

    private bool InScope(CompiledRule rule, string? kind, string? @namespace, string? name, IDictionary<string, string>? labels, string? operation)
    {
        var scope = _scopes[rule];
        return scope.IsEverything || scope.Matches(kind, @namespace, name, labels, operation);
    }

    private EvaluationContext NewContext(IInventory? inventory, CancellationToken cancellationToken) =>
        new(inventory ?? Inventory.Empty, _options.Clock(), cancellationToken);
}
