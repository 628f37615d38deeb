// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s;
using k8s.Models;

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// A kind whose objects carry a pod spec: where its pod template is, the model of its current stable version and how that
/// model hands out its template. <see cref="All"/> is the one list of them, read by the workload (which kinds have one, and
/// where), the JSON reader (which binds these kinds whole) and the reports.
/// </summary>
/// <param name="Kind">The object kind, e.g. <c>Deployment</c>.</param>
/// <param name="ApiVersion">The apiVersion of <paramref name="Model"/>, e.g. <c>apps/v1</c>.</param>
/// <param name="TemplatePath">The JSON pointer of the pod template (empty for a Pod, whose own metadata and spec it is).</param>
/// <param name="Model">The KubernetesClient model of <paramref name="ApiVersion"/>.</param>
/// <param name="TemplateOf">The template of a bound model (null when it has none); for a Pod, its own metadata and spec.</param>
public sealed record PodController(string Kind, string ApiVersion, string TemplatePath, Type Model, Func<IKubernetesObject<V1ObjectMeta>, V1PodTemplateSpec?> TemplateOf)
{
    /// <summary>Every kind with a pod spec.</summary>
    public static IReadOnlyList<PodController> All { get; } =
    [
        Of<V1Pod>(V1Pod.KubeKind, V1Pod.KubeGroup, V1Pod.KubeApiVersion, string.Empty, p => new V1PodTemplateSpec { Metadata = p.Metadata, Spec = p.Spec }),
        Of<V1Deployment>(V1Deployment.KubeKind, V1Deployment.KubeGroup, V1Deployment.KubeApiVersion, "/spec/template", d => d.Spec?.Template),
        Of<V1StatefulSet>(V1StatefulSet.KubeKind, V1StatefulSet.KubeGroup, V1StatefulSet.KubeApiVersion, "/spec/template", s => s.Spec?.Template),
        Of<V1DaemonSet>(V1DaemonSet.KubeKind, V1DaemonSet.KubeGroup, V1DaemonSet.KubeApiVersion, "/spec/template", d => d.Spec?.Template),
        Of<V1ReplicaSet>(V1ReplicaSet.KubeKind, V1ReplicaSet.KubeGroup, V1ReplicaSet.KubeApiVersion, "/spec/template", r => r.Spec?.Template),
        Of<V1ReplicationController>(V1ReplicationController.KubeKind, V1ReplicationController.KubeGroup, V1ReplicationController.KubeApiVersion, "/spec/template", r => r.Spec?.Template),
        Of<V1Job>(V1Job.KubeKind, V1Job.KubeGroup, V1Job.KubeApiVersion, "/spec/template", j => j.Spec?.Template),
        Of<V1CronJob>(V1CronJob.KubeKind, V1CronJob.KubeGroup, V1CronJob.KubeApiVersion, "/spec/jobTemplate/spec/template", c => c.Spec?.JobTemplate?.Spec?.Template),
        Of<V1PodTemplate>(V1PodTemplate.KubeKind, V1PodTemplate.KubeGroup, V1PodTemplate.KubeApiVersion, "/template", t => t.Template),
    ];

    // Kind and version from the model's own constants, so the table cannot disagree with the models.
    private static PodController Of<T>(string kind, string group, string version, string templatePath, Func<T, V1PodTemplateSpec?> templateOf)
        where T : class, IKubernetesObject<V1ObjectMeta> =>
        new(kind, group.Length == 0 ? version : $"{group}/{version}", templatePath, typeof(T), o => templateOf((T)o));
}
