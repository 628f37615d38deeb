// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s;
using k8s.Models;

namespace PolicyLang.Benchmarks.Baselines;

/// <summary>
/// The pod spec of a typed Kubernetes object as a hand-written checker holds it: the pod's metadata and spec, and the
/// JSON pointers of the template (constants per kind, so holding them costs nothing).
/// </summary>
public readonly record struct TypedWorkload(string MetadataPath, string SpecPath, V1ObjectMeta Metadata, V1PodSpec Spec)
{
    /// <summary>The workload of an object that holds a pod spec; throws for other kinds (the corpus holds none).</summary>
    public static TypedWorkload Of(object obj) => obj switch
    {
        V1Pod p => new("/metadata", "/spec", p.Metadata, p.Spec),
        V1Deployment d => Template(d.Spec.Template),
        V1StatefulSet s => Template(s.Spec.Template),
        V1DaemonSet d => Template(d.Spec.Template),
        V1ReplicaSet r => Template(r.Spec.Template),
        V1Job j => Template(j.Spec.Template),
        V1CronJob c => new("/spec/jobTemplate/spec/template/metadata", "/spec/jobTemplate/spec/template/spec", c.Spec.JobTemplate.Spec.Template.Metadata ?? new V1ObjectMeta(), c.Spec.JobTemplate.Spec.Template.Spec),
        _ => throw new ArgumentException("not a pod controller: " + obj.GetType().Name, nameof(obj)),
    };

    /// <summary>Deserializes an object of the corpus from JSON as hand-written code would: its kind picks the model.</summary>
    public static object FromJson(string json, string kind) => kind switch
    {
        "Pod" => KubernetesJson.Deserialize<V1Pod>(json),
        "Deployment" => KubernetesJson.Deserialize<V1Deployment>(json),
        "StatefulSet" => KubernetesJson.Deserialize<V1StatefulSet>(json),
        "DaemonSet" => KubernetesJson.Deserialize<V1DaemonSet>(json),
        "ReplicaSet" => KubernetesJson.Deserialize<V1ReplicaSet>(json),
        "Job" => KubernetesJson.Deserialize<V1Job>(json),
        _ => KubernetesJson.Deserialize<V1CronJob>(json),
    };

    /// <summary>Deserializes an object of the corpus from YAML with KubernetesClient's YAML reader.</summary>
    public static object FromYaml(string yaml, string kind) => kind switch
    {
        "Pod" => KubernetesYaml.Deserialize<V1Pod>(yaml),
        "Deployment" => KubernetesYaml.Deserialize<V1Deployment>(yaml),
        "StatefulSet" => KubernetesYaml.Deserialize<V1StatefulSet>(yaml),
        "DaemonSet" => KubernetesYaml.Deserialize<V1DaemonSet>(yaml),
        "ReplicaSet" => KubernetesYaml.Deserialize<V1ReplicaSet>(yaml),
        "Job" => KubernetesYaml.Deserialize<V1Job>(yaml),
        _ => KubernetesYaml.Deserialize<V1CronJob>(yaml),
    };

    private static TypedWorkload Template(V1PodTemplateSpec template) =>
        new("/spec/template/metadata", "/spec/template/spec", template.Metadata ?? new V1ObjectMeta(), template.Spec);
}
