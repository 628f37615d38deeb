// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Benchmarks.Baselines;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Corpus;

/// <summary>The workload corpus pre-parsed for both sides: PolicyLang workloads (with source positions) and typed objects.</summary>
public sealed class WorkloadSubjects
{
    private WorkloadSubjects(IReadOnlyList<GeneratedWorkload> generated, Workload[] workloads, TypedWorkload[] typed)
    {
        Generated = generated;
        Workloads = workloads;
        Typed = typed;
    }

    public IReadOnlyList<GeneratedWorkload> Generated { get; }

    /// <summary>PolicyLang's subjects, read from the JSON form as the CLI reads a file.</summary>
    public Workload[] Workloads { get; }

    /// <summary>The hand-written side's subjects: the KubernetesClient models, deserialized from the same JSON.</summary>
    public TypedWorkload[] Typed { get; }

    public static WorkloadSubjects Create(IReadOnlyList<GeneratedWorkload> generated)
    {
        var reader = new InputReader();
        var workloads = new Workload[generated.Count];
        var typed = new TypedWorkload[generated.Count];
        for (var i = 0; i < generated.Count; i++)
        {
            workloads[i] = ReadWorkload(reader, generated[i].Json, $"corpus/{i}.json");
            _ = workloads[i].Object.Metadata; // bound once, as after the first evaluation
            typed[i] = TypedWorkload.Of(TypedWorkload.FromJson(generated[i].Json, generated[i].Kind));
        }

        return new WorkloadSubjects(generated, workloads, typed);
    }

    /// <summary>The manifest of a one-document text, as the CLI reads it.</summary>
    public static ManifestSubject ReadManifest(InputReader reader, string text, string name)
    {
        foreach (var item in reader.ReadText(text, name))
        {
            if (item.Manifest is { } manifest)
            {
                return manifest;
            }

            throw new InvalidOperationException($"{name}: {item}");
        }

        throw new InvalidOperationException($"{name}: no document");
    }

    private static Workload ReadWorkload(InputReader reader, string text, string name) =>
        Workload.From(ReadManifest(reader, text, name)) ?? throw new InvalidOperationException($"{name} holds no pod spec");
}
