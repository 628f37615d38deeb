// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json;
using k8s.Models;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters.Json;

/// <summary>
/// Where the typed parts of a manifest of one kind are (<c>/metadata</c>, the pod template's <c>spec</c> and
/// <c>metadata</c>), as a small tree of keys from the root object, and the model each binds to: <see cref="JsonTape"/>
/// binds those parts in its one pass over the text, where <see cref="ManifestSubject.Bind{T}"/> would read them again.
/// </summary>
internal sealed class TypedPartPlan
{
    /// <summary>No part lies below this key.</summary>
    public const int None = -1;

    /// <summary>The step of the root object.</summary>
    public const int Root = 0;

    // Object kinds with a pod template, and the plan for any other kind (its metadata only).
    private static readonly (byte[] Kind, TypedPartPlan Plan)[] ByKind =
        [.. PodController.All.Select(c => (Encoding.UTF8.GetBytes(c.Kind), Make(c.TemplatePath)))];

    private static readonly TypedPartPlan Other = Make(templatePath: null);

    private readonly List<Step> _steps = [new Step([], null)];

    /// <summary>Binds the value the reader is at (an object) to a model, moving the reader to the value's last token.</summary>
    public delegate object? PartBinder(ref Utf8JsonReader reader);

    private TypedPartPlan()
    {
    }

    /// <summary>The plan for a manifest of this kind (unescaped UTF-8).</summary>
    public static TypedPartPlan ForKind(ReadOnlySpan<byte> kind)
    {
        foreach (var (name, plan) in ByKind)
        {
            if (kind.SequenceEqual(name))
            {
                return plan;
            }
        }

        return Other;
    }

    /// <summary>The step below <paramref name="step"/> under an (unescaped) key, or <see cref="None"/>.</summary>
    public int Next(int step, ReadOnlySpan<byte> key)
    {
        foreach (var (name, next) in _steps[step].Keys)
        {
            if (key.SequenceEqual(name))
            {
                return next;
            }
        }

        return None;
    }

    /// <summary>The binder of the part at a step, or null when the step is on the way to a part.</summary>
    public PartBinder? BinderAt(int step) => _steps[step].Binder;

    private static TypedPartPlan Make(string? templatePath)
    {
        var plan = new TypedPartPlan();
        plan.Add(["metadata"], Binder<V1ObjectMeta>());
        if (templatePath is not null)
        {
            var template = JsonPointer.Split(templatePath).ToArray();
            plan.Add([.. template, "spec"], Binder<V1PodSpec>());
            if (template.Length > 0)
            {
                plan.Add([.. template, "metadata"], Binder<V1ObjectMeta>());
            }
        }

        return plan;
    }

    private static PartBinder Binder<T>()
        where T : class => (ref Utf8JsonReader reader) => JsonSerializer.Deserialize(ref reader, StrictModelOptions.For<T>());

    private void Add(string[] path, PartBinder binder)
    {
        var step = Root;
        for (var i = 0; i < path.Length; i++)
        {
            var key = Encoding.UTF8.GetBytes(path[i]);
            var next = Next(step, key);
            if (next == None)
            {
                next = _steps.Count;
                _steps.Add(new Step([], null));
                _steps[step].Keys.Add((key, next));
            }

            step = next;
        }

        _steps[step] = _steps[step] with { Binder = binder };
    }

    private sealed record Step(List<(byte[] Key, int Next)> Keys, PartBinder? Binder);
}
