// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// The pod spec of a Pod or of a pod controller's template (Deployment, StatefulSet, DaemonSet, ReplicaSet,
/// ReplicationController, Job, CronJob). One workload rule covers them all; paths point into the right template.
/// </summary>
public sealed class Workload
{
    private static readonly Dictionary<string, PodController> Controllers = PodController.All.ToDictionary(c => c.Kind, StringComparer.Ordinal);

    private Workload(ManifestSubject owner, string templatePath, V1ObjectMeta metadata, V1PodSpec spec)
    {
        Object = owner;
        MetadataPath = templatePath + "/metadata";
        SpecPath = templatePath + "/spec";
        Metadata = metadata;
        Spec = spec;
        AllContainers = ContainersOf(spec);
    }

    /// <summary>The kinds whose objects carry a pod spec.</summary>
    public static IEnumerable<string> ControllerKinds => Controllers.Keys;

    /// <summary>The JSON pointer of the pod template in an object of this kind (empty for a Pod), or null when the kind holds none.</summary>
    public static string? TemplatePathOf(string kind) => Controllers.GetValueOrDefault(kind)?.TemplatePath;

    /// <summary>The kind of the object that holds the pod spec, e.g. <c>Deployment</c>.</summary>
    [JsonPropertyName("kind")]
    [SubjectPath(null, "/kind")]
    public string? Kind => Object.Kind;

    /// <summary>The name of the object that holds the pod spec.</summary>
    [JsonPropertyName("name")]
    [SubjectPath(null, "/metadata/name")]
    public string? Name => Object.Name;

    /// <summary>The namespace of the object that holds the pod spec.</summary>
    [JsonPropertyName("namespace")]
    [SubjectPath(null, "/metadata/namespace")]
    public string? Namespace => Object.Namespace;

    /// <summary>The pod's metadata: the Pod's own, or the template's for a controller (labels and annotations of the pods).</summary>
    [JsonPropertyName("metadata")]
    [SubjectPath(nameof(MetadataPath), "")]
    public V1ObjectMeta Metadata { get; }

    /// <summary>The pod spec.</summary>
    [JsonPropertyName("spec")]
    [SubjectPath(nameof(SpecPath), "")]
    public V1PodSpec Spec { get; }

    /// <summary>The whole object that holds the pod spec.</summary>
    [JsonPropertyName("object")]
    [SubjectPath(null, "")]
    public ManifestSubject Object { get; }

    /// <summary>The pod's containers (<c>spec.containers</c>).</summary>
    [JsonPropertyName("containers")]
    [SubjectPath(nameof(SpecPath), "/containers")]
    public IList<V1Container>? Containers => Spec.Containers;

    /// <summary>The pod's init containers (<c>spec.initContainers</c>).</summary>
    [JsonPropertyName("initContainers")]
    [SubjectPath(nameof(SpecPath), "/initContainers")]
    public IList<V1Container>? InitContainers => Spec.InitContainers;

    /// <summary>Init containers, containers and ephemeral containers, each with its own path.</summary>
    [JsonPropertyName("allContainers")]
    [ElementPaths(nameof(AllContainerPaths))]
    public IList<V1Container> AllContainers { get; }

    [HiddenFromPolicies]
    public string MetadataPath { get; }

    [HiddenFromPolicies]
    public string SpecPath { get; }

    /// <summary>
    /// The JSON pointer of each of <see cref="AllContainers"/>, made when first read (a finding's location or message
    /// needs one; a workload nothing is found in needs none). The same for every reader: a race makes equal arrays.
    /// </summary>
    [HiddenFromPolicies]
    public string[] AllContainerPaths => _allContainerPaths ??= PathsOf(Spec, SpecPath);

    private string[]? _allContainerPaths;

    /// <summary>
    /// Init containers, containers and ephemeral containers, in that order. A pod with containers only (most pods)
    /// uses its own list: lists given to policies are never changed.
    /// </summary>
    private static IList<V1Container> ContainersOf(V1PodSpec spec)
    {
        var init = spec.InitContainers;
        var ephemeral = spec.EphemeralContainers;
        if ((init is null || init.Count == 0) && (ephemeral is null || ephemeral.Count == 0))
        {
            return spec.Containers ?? [];
        }

        var all = new List<V1Container>((init?.Count ?? 0) + (spec.Containers?.Count ?? 0) + (ephemeral?.Count ?? 0));
        AddAll(init);
        AddAll(spec.Containers);
        if (ephemeral is not null)
        {
            for (var i = 0; i < ephemeral.Count; i++)
            {
                all.Add(AsContainer(ephemeral[i]));
            }
        }

        return all;

        void AddAll(IList<V1Container>? containers)
        {
            if (containers is not null)
            {
                all.AddRange(containers);
            }
        }
    }

    private static string[] PathsOf(V1PodSpec spec, string specPath)
    {
        var paths = new List<string>();
        Add(spec.InitContainers?.Count, "/initContainers/");
        Add(spec.Containers?.Count, "/containers/");
        Add(spec.EphemeralContainers?.Count, "/ephemeralContainers/");
        return [.. paths];

        void Add(int? count, string field)
        {
            for (var i = 0; i < (count ?? 0); i++)
            {
                paths.Add(specPath + field + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    /// <summary>The workload of an object, or null when its kind holds no pod spec (or holds none yet).</summary>
    /// <exception cref="SubjectConversionException">The pod template does not fit the PodSpec schema.</exception>
    public static Workload? From(ManifestSubject manifest)
    {
        switch (manifest.CachedWorkload)
        {
            case Workload cached:
                return cached;
            case NoWorkload:
                return null;
        }

        // A template that does not fit throws every time (nothing is cached): the error is rare and each caller reports it.
        var workload = Read(manifest);
        manifest.CachedWorkload = (object?)workload ?? NoWorkload.Instance;
        return workload;
    }

    private static Workload? Read(ManifestSubject manifest)
    {
        if (manifest.Kind is null || !Controllers.TryGetValue(manifest.Kind, out var controller) || !IsCoreController(manifest))
        {
            return null;
        }

        var templatePath = controller.TemplatePath;
        if (manifest.BoundObject is { } bound)
        {
            return FromBound(manifest, bound, controller);
        }

        DocNode? template = manifest.Root;
        foreach (var token in JsonPointer.Split(templatePath))
        {
            template = (template as DocMap)?[token];
        }

        if (template is not DocMap templateMap)
        {
            return null;
        }

        var spec = templateMap["spec"] is DocMap specNode ? ManifestSubject.Bind<V1PodSpec>(specNode, templatePath + "/spec") : new V1PodSpec();
        var metadata = templatePath.Length == 0
            ? manifest.Metadata
            : templateMap["metadata"] is DocMap metadataNode ? ManifestSubject.Bind<V1ObjectMeta>(metadataNode, templatePath + "/metadata") : new V1ObjectMeta();
        return new Workload(manifest, templatePath, metadata, spec);
    }

    /// <summary>
    /// The workload of an object the reader bound whole: its template's parts, as the tree gives them (an absent or null
    /// template: none; an absent spec or metadata: empty).
    /// </summary>
    private static Workload? FromBound(ManifestSubject manifest, IKubernetesObject<V1ObjectMeta> bound, PodController controller)
    {
        if (!controller.Model.IsInstanceOfType(bound))
        {
            throw new InvalidOperationException($"a bound {bound.GetType().Name} read as a {controller.Kind}");
        }

        // A Pod's "template" is its own metadata and spec; the manifest's metadata is the one already read.
        var template = controller.TemplateOf(bound);
        return template is null ? null
            : new Workload(manifest, controller.TemplatePath, controller.TemplatePath.Length == 0 ? manifest.Metadata : template.Metadata ?? new V1ObjectMeta(), template.Spec ?? new V1PodSpec());
    }

    /// <summary>Marks an object read as having no workload.</summary>
    private sealed class NoWorkload
    {
        public static readonly NoWorkload Instance = new();
    }

    // A CRD may reuse a kind name such as "Job"; only the built-in groups carry pod templates we understand.
    private static bool IsCoreController(ManifestSubject manifest) => manifest.ApiVersion switch
    {
        null => true,
        "v1" => true,
        _ => manifest.ApiVersion.StartsWith("apps/", StringComparison.Ordinal)
            || manifest.ApiVersion.StartsWith("batch/", StringComparison.Ordinal)
            || manifest.ApiVersion.StartsWith("extensions/", StringComparison.Ordinal),
    };

    private static V1Container AsContainer(V1EphemeralContainer e) => new()
    {
        Args = e.Args,
        Command = e.Command,
        Env = e.Env,
        EnvFrom = e.EnvFrom,
        Image = e.Image,
        ImagePullPolicy = e.ImagePullPolicy,
        Lifecycle = e.Lifecycle,
        LivenessProbe = e.LivenessProbe,
        Name = e.Name,
        Ports = e.Ports,
        ReadinessProbe = e.ReadinessProbe,
        ResizePolicy = e.ResizePolicy,
        Resources = e.Resources,
        RestartPolicy = e.RestartPolicy,
        SecurityContext = e.SecurityContext,
        StartupProbe = e.StartupProbe,
        Stdin = e.Stdin,
        StdinOnce = e.StdinOnce,
        TerminationMessagePath = e.TerminationMessagePath,
        TerminationMessagePolicy = e.TerminationMessagePolicy,
        Tty = e.Tty,
        VolumeDevices = e.VolumeDevices,
        VolumeMounts = e.VolumeMounts,
        WorkingDir = e.WorkingDir,
    };
}
