// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>A rule ready to run: its descriptor and the delegate of its generated method.</summary>
public sealed class CompiledRule
{
    public CompiledRule(RuleDescriptor descriptor, Delegate invoker)
    {
        Descriptor = descriptor;
        Invoker = invoker;
        Manifest = invoker as Action<ManifestSubject, EvaluationContext>;
        Workload = invoker as Action<Workload, EvaluationContext>;
        Admission = invoker as Action<AdmissionSubject, EvaluationContext>;
        Image = invoker as Action<ImageSubject, EvaluationContext>;
        Event = invoker as Action<RuntimeEvent, EvaluationContext>;
        Host = invoker as Action<HostFacts, EvaluationContext>;
    }

    public RuleDescriptor Descriptor { get; }

    public Delegate Invoker { get; }

    internal Action<ManifestSubject, EvaluationContext>? Manifest { get; }

    internal Action<Workload, EvaluationContext>? Workload { get; }

    internal Action<AdmissionSubject, EvaluationContext>? Admission { get; }

    internal Action<ImageSubject, EvaluationContext>? Image { get; }

    internal Action<RuntimeEvent, EvaluationContext>? Event { get; }

    internal Action<HostFacts, EvaluationContext>? Host { get; }

    /// <summary>The delegate type a rule on the given subject has.</summary>
    public static Type DelegateTypeFor(SubjectKind subject) => subject switch
    {
        SubjectKind.Manifest => typeof(Action<ManifestSubject, EvaluationContext>),
        SubjectKind.Workload => typeof(Action<Workload, EvaluationContext>),
        SubjectKind.Admission => typeof(Action<AdmissionSubject, EvaluationContext>),
        SubjectKind.Image => typeof(Action<ImageSubject, EvaluationContext>),
        SubjectKind.Event => typeof(Action<RuntimeEvent, EvaluationContext>),
        SubjectKind.Host => typeof(Action<HostFacts, EvaluationContext>),
        _ => throw new ArgumentOutOfRangeException(nameof(subject), subject, null),
    };
}
