// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using k8s;
using k8s.Models;

namespace PolicyLang.Benchmarks.Corpus;

/// <summary>One generated object that holds a pod spec, in the three forms the benchmarks read it in.</summary>
/// <param name="Object">The typed object as generated.</param>
/// <param name="Json">The object as KubernetesClient serializes it (one line).</param>
/// <param name="Yaml">The object as KubernetesClient writes YAML.</param>
/// <param name="Violating">True when the generator put at least one Pod Security (restricted) violation into it.</param>
public sealed record GeneratedWorkload(IKubernetesObject<V1ObjectMeta> Object, string Json, string Yaml, bool Violating)
{
    public string Kind => Object.Kind;
}

/// <summary>
/// A deterministic corpus of Pods and pod controllers (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob)
/// with the variety of real clusters: 1–4 containers, init and (rarely) ephemeral containers, pod- or container-level
/// security contexts, volumes of many types, images from several registries with tags or digests, resources, probes,
/// ports and environment. About 30% carry one to three Pod Security violations, the rest pass the restricted level.
/// The same seed always gives the same corpus.
/// </summary>
public static class WorkloadCorpus
{
    public const int DefaultSeed = 20261206;

    private static readonly string[] Namespaces = ["default", "payments", "web", "data", "monitoring", "team-a", "team-b", "batch"];
    private static readonly string[] Apps = ["api", "web", "worker", "cache", "gateway", "exporter", "scheduler", "indexer", "billing", "auth"];
    private static readonly string[] Images =
    [
        "nginx", "docker.io/library/redis", "ghcr.io/acme/api", "quay.io/prometheus/node-exporter", "registry.k8s.io/pause",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/payments/worker", "gcr.io/distroless/static", "mcr.microsoft.com/dotnet/aspnet",
        "localhost:5000/dev/tool", "docker.io/bitnami/postgresql",
    ];

    private static readonly string[] UnsafeSysctls = ["kernel.msgmax", "net.core.somaxconn", "vm.swappiness", "kernel.sem"];
    private static readonly string[] SafeSysctls = ["net.ipv4.tcp_syncookies", "net.ipv4.ip_local_port_range", "kernel.shm_rmid_forced", "net.ipv4.tcp_keepalive_time"];
    private static readonly string[] DangerousCapabilities = ["SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "NET_RAW", "CHOWN", "SYS_MODULE"];

    /// <summary>The kinds generated, with their weights.</summary>
    private static readonly (string Kind, int Weight)[] Kinds =
    [
        ("Pod", 40), ("Deployment", 25), ("StatefulSet", 8), ("DaemonSet", 7), ("ReplicaSet", 5), ("Job", 8), ("CronJob", 7),
    ];

    private enum Violation
    {
        Privileged,
        HostNetwork,
        HostPid,
        HostIpc,
        HostPathVolume,
        NfsVolume,
        AddCapability,
        NoDropAll,
        EscalationAllowed,
        EscalationUnset,
        RunAsRootUser,
        RunAsNonRootFalse,
        RunAsNonRootUnset,
        SeccompUnconfined,
        SeccompUnset,
        UnsafeSysctl,
        HostPort,
        ProcMountUnmasked,
        AppArmorAnnotation,
        AppArmorProfile,
        SeLinuxType,
        SeLinuxUser,
        HostProcess,
        ProbeHost,
    }

    /// <summary>Generates <paramref name="count"/> workloads from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<GeneratedWorkload> Generate(int count, int seed = DefaultSeed)
    {
        var random = new Random(seed);
        var result = new GeneratedWorkload[count];
        for (var i = 0; i < count; i++)
        {
            var violating = random.NextDouble() < 0.3;
            var obj = Build(random, i, violating);
            result[i] = new GeneratedWorkload(obj, KubernetesJson.Serialize(obj), KubernetesYaml.Serialize(obj), violating);
        }

        return result;
    }

    /// <summary>Only the workloads that pass the restricted level (the path where nothing is denied).</summary>
    public static IReadOnlyList<GeneratedWorkload> Clean(IReadOnlyList<GeneratedWorkload> corpus) => [.. corpus.Where(w => !w.Violating)];

    private static IKubernetesObject<V1ObjectMeta> Build(Random random, int index, bool violating)
    {
        var app = Pick(random, Apps);
        var name = $"{app}-{index.ToString(CultureInfo.InvariantCulture)}";
        var ns = Pick(random, Namespaces);
        var labels = new Dictionary<string, string> { ["app.kubernetes.io/name"] = app, ["app.kubernetes.io/instance"] = name, ["tier"] = random.Next(2) == 0 ? "backend" : "frontend" };
        var violations = violating ? PickViolations(random) : [];
        var (podMeta, spec) = PodSpec(random, app, labels, violations);
        var meta = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string>(labels) };
        if (random.Next(4) == 0)
        {
            meta.Annotations = new Dictionary<string, string> { ["owner"] = "team-" + app, ["deployment.kubernetes.io/revision"] = random.Next(1, 40).ToString(CultureInfo.InvariantCulture) };
        }

        var template = new V1PodTemplateSpec { Metadata = podMeta, Spec = spec };
        var selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app.kubernetes.io/instance"] = name } };
        switch (PickKind(random))
        {
            case "Pod":
                podMeta.Name = name;
                podMeta.NamespaceProperty = ns;
                return new V1Pod { ApiVersion = "v1", Kind = "Pod", Metadata = podMeta, Spec = spec };
            case "Deployment":
                return new V1Deployment
                {
                    ApiVersion = "apps/v1", Kind = "Deployment", Metadata = meta,
                    Spec = new V1DeploymentSpec { Replicas = random.Next(1, 6), Selector = selector, Template = template, Strategy = new V1DeploymentStrategy { Type = "RollingUpdate" } },
                };
            case "StatefulSet":
                return new V1StatefulSet
                {
                    ApiVersion = "apps/v1", Kind = "StatefulSet", Metadata = meta,
                    Spec = new V1StatefulSetSpec
                    {
                        Replicas = random.Next(1, 4), ServiceName = name, Selector = selector, Template = template,
                        VolumeClaimTemplates =
                        [
                            new V1PersistentVolumeClaim
                            {
                                Metadata = new V1ObjectMeta { Name = "data" },
                                Spec = new V1PersistentVolumeClaimSpec
                                {
                                    AccessModes = ["ReadWriteOnce"],
                                    Resources = new V1VolumeResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["storage"] = new ResourceQuantity($"{random.Next(1, 100)}Gi") } },
                                },
                            },
                        ],
                    },
                };
            case "DaemonSet":
                return new V1DaemonSet { ApiVersion = "apps/v1", Kind = "DaemonSet", Metadata = meta, Spec = new V1DaemonSetSpec { Selector = selector, Template = template } };
            case "ReplicaSet":
                return new V1ReplicaSet { ApiVersion = "apps/v1", Kind = "ReplicaSet", Metadata = meta, Spec = new V1ReplicaSetSpec { Replicas = random.Next(1, 4), Selector = selector, Template = template } };
            case "Job":
                spec.RestartPolicy = "OnFailure";
                return new V1Job { ApiVersion = "batch/v1", Kind = "Job", Metadata = meta, Spec = new V1JobSpec { BackoffLimit = random.Next(0, 6), Template = template } };
            default:
                spec.RestartPolicy = "OnFailure";
                return new V1CronJob
                {
                    ApiVersion = "batch/v1", Kind = "CronJob", Metadata = meta,
                    Spec = new V1CronJobSpec
                    {
                        Schedule = $"{random.Next(60)} */{random.Next(1, 12)} * * *",
                        JobTemplate = new V1JobTemplateSpec { Spec = new V1JobSpec { Template = template } },
                    },
                };
        }
    }

    private static (V1ObjectMeta Meta, V1PodSpec Spec) PodSpec(Random random, string app, Dictionary<string, string> labels, HashSet<Violation> violations)
    {
        var meta = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) };
        if (random.Next(3) == 0)
        {
            meta.Annotations = new Dictionary<string, string> { ["prometheus.io/scrape"] = "true", ["prometheus.io/port"] = "9090" };
        }

        var windows = violations.Count == 0 && random.Next(100) == 0;
        var userNamespace = random.Next(30) == 0;
        var podLevel = random.Next(3) != 0;
        var spec = new V1PodSpec
        {
            ServiceAccountName = app,
            TerminationGracePeriodSeconds = 30,
            Containers = [],
            NodeSelector = random.Next(4) == 0 ? new Dictionary<string, string> { ["kubernetes.io/os"] = windows ? "windows" : "linux" } : null,
        };
        if (windows)
        {
            spec.Os = new V1PodOS { Name = "windows" };
        }

        if (userNamespace)
        {
            spec.HostUsers = false;
        }

        if (podLevel)
        {
            spec.SecurityContext = new V1PodSecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = random.Next(1000, 65000),
                FsGroup = 2000,
                SeccompProfile = windows ? null : new V1SeccompProfile { Type = random.Next(10) == 0 ? "Localhost" : "RuntimeDefault", LocalhostProfile = null },
            };
            if (spec.SecurityContext.SeccompProfile is { Type: "Localhost" } local)
            {
                local.LocalhostProfile = "profiles/audit.json";
            }

            if (random.Next(8) == 0)
            {
                spec.SecurityContext.Sysctls = [new V1Sysctl { Name = Pick(random, SafeSysctls), Value = "1" }];
            }
        }

        var containerCount = Weighted(random, [(1, 50), (2, 30), (3, 15), (4, 5)]);
        for (var i = 0; i < containerCount; i++)
        {
            spec.Containers.Add(Container(random, i == 0 ? app : $"{app}-sidecar-{i.ToString(CultureInfo.InvariantCulture)}", podLevel, windows, init: false));
        }

        if (random.Next(10) < 3)
        {
            spec.InitContainers = [];
            var initCount = random.Next(1, 3);
            for (var i = 0; i < initCount; i++)
            {
                spec.InitContainers.Add(Container(random, $"init-{i.ToString(CultureInfo.InvariantCulture)}", podLevel, windows, init: true));
            }
        }

        if (random.Next(100) == 0)
        {
            spec.EphemeralContainers =
            [
                new V1EphemeralContainer
                {
                    Name = "debugger", Image = "busybox:1.36", TargetContainerName = app,
                    SecurityContext = RestrictedContext(random, podLevel, windows),
                },
            ];
        }

        spec.Volumes = Volumes(random, app);
        foreach (var violation in violations)
        {
            Apply(random, violation, meta, spec);
        }

        return (meta, spec);
    }

    private static V1Container Container(Random random, string name, bool podLevel, bool windows, bool init)
    {
        var image = Pick(random, Images);
        image += random.Next(10) switch
        {
            < 5 => ":" + $"{random.Next(1, 4)}.{random.Next(0, 30)}.{random.Next(0, 10)}",
            < 7 => "@sha256:" + Hex(random, 64),
            7 => ":latest",
            _ => string.Empty,
        };
        var container = new V1Container
        {
            Name = name,
            Image = image,
            ImagePullPolicy = random.Next(3) == 0 ? "Always" : "IfNotPresent",
            SecurityContext = RestrictedContext(random, podLevel, windows),
            Resources = random.Next(5) == 0 ? null : new V1ResourceRequirements
            {
                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new($"{random.Next(50, 1000)}m"), ["memory"] = new($"{random.Next(64, 2048)}Mi") },
                Limits = random.Next(3) == 0 ? null : new Dictionary<string, ResourceQuantity> { ["cpu"] = new($"{random.Next(1, 4)}"), ["memory"] = new($"{random.Next(1, 8)}Gi") },
            },
        };
        if (init)
        {
            container.Command = ["sh", "-c", "until nslookup db; do sleep 2; done"];
            return container;
        }

        container.Ports = [new V1ContainerPort { ContainerPort = 8080 + random.Next(10), Name = "http", Protocol = "TCP" }];
        if (random.Next(3) == 0)
        {
            container.Ports.Add(new V1ContainerPort { ContainerPort = 9090, Name = "metrics" });
        }

        container.Env = [new V1EnvVar { Name = "LOG_LEVEL", Value = random.Next(2) == 0 ? "info" : "debug" }];
        if (random.Next(2) == 0)
        {
            container.Env.Add(new V1EnvVar { Name = "DB_PASSWORD", ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = "db", Key = "password" } } });
        }

        if (random.Next(4) != 0)
        {
            container.LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/healthz", Port = 8080 }, PeriodSeconds = 10 };
            container.ReadinessProbe = random.Next(2) == 0
                ? new V1Probe { HttpGet = new V1HTTPGetAction { Path = "/ready", Port = "http" } }
                : new V1Probe { TcpSocket = new V1TCPSocketAction { Port = 8080 } };
        }

        if (random.Next(6) == 0)
        {
            container.Lifecycle = new V1Lifecycle { PreStop = new V1LifecycleHandler { Exec = new V1ExecAction { Command = ["sh", "-c", "sleep 5"] } } };
        }

        container.VolumeMounts = [new V1VolumeMount { Name = "config", MountPath = "/etc/config", ReadOnlyProperty = true }];
        return container;
    }

    /// <summary>A security context that passes the restricted level (leaving to the pod what the pod sets).</summary>
    private static V1SecurityContext RestrictedContext(Random random, bool podLevel, bool windows)
    {
        var context = new V1SecurityContext
        {
            AllowPrivilegeEscalation = false,
            Capabilities = new V1Capabilities { Drop = ["ALL"], Add = random.Next(10) == 0 ? ["NET_BIND_SERVICE"] : null },
            ReadOnlyRootFilesystem = random.Next(2) == 0,
        };
        if (!podLevel)
        {
            context.RunAsNonRoot = true;
            context.RunAsUser = random.Next(1000, 65000);
            context.SeccompProfile = windows ? null : new V1SeccompProfile { Type = "RuntimeDefault" };
        }

        return context;
    }

    private static List<V1Volume> Volumes(Random random, string app)
    {
        var volumes = new List<V1Volume> { new() { Name = "config", ConfigMap = new V1ConfigMapVolumeSource { Name = app + "-config" } } };
        if (random.Next(2) == 0)
        {
            volumes.Add(new V1Volume { Name = "tls", Secret = new V1SecretVolumeSource { SecretName = app + "-tls", DefaultMode = 420 } });
        }

        if (random.Next(3) == 0)
        {
            volumes.Add(new V1Volume { Name = "scratch", EmptyDir = new V1EmptyDirVolumeSource { SizeLimit = new ResourceQuantity("1Gi") } });
        }

        if (random.Next(5) == 0)
        {
            volumes.Add(new V1Volume { Name = "data", PersistentVolumeClaim = new V1PersistentVolumeClaimVolumeSource { ClaimName = app + "-data" } });
        }

        if (random.Next(6) == 0)
        {
            volumes.Add(new V1Volume
            {
                Name = "token",
                Projected = new V1ProjectedVolumeSource { Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Path = "token", ExpirationSeconds = 3600 } }] },
            });
        }

        if (random.Next(10) == 0)
        {
            volumes.Add(new V1Volume { Name = "podinfo", DownwardAPI = new V1DownwardAPIVolumeSource { Items = [new V1DownwardAPIVolumeFile { Path = "labels", FieldRef = new V1ObjectFieldSelector { FieldPath = "metadata.labels" } }] } });
        }

        return volumes;
    }

    private static HashSet<Violation> PickViolations(Random random)
    {
        var all = Enum.GetValues<Violation>();
        var count = Weighted(random, [(1, 60), (2, 30), (3, 10)]);
        var picked = new HashSet<Violation>();
        while (picked.Count < count)
        {
            picked.Add(all[random.Next(all.Length)]);
        }

        return picked;
    }

    private static void Apply(Random random, Violation violation, V1ObjectMeta meta, V1PodSpec spec)
    {
        var container = spec.Containers[random.Next(spec.Containers.Count)];
        var context = container.SecurityContext ??= new V1SecurityContext();
        switch (violation)
        {
            case Violation.Privileged:
                context.Privileged = true;
                break;
            case Violation.HostNetwork:
                spec.HostNetwork = true;
                break;
            case Violation.HostPid:
                spec.HostPID = true;
                break;
            case Violation.HostIpc:
                spec.HostIPC = true;
                break;
            case Violation.HostPathVolume:
                spec.Volumes.Add(new V1Volume { Name = "host-logs", HostPath = new V1HostPathVolumeSource { Path = "/var/log", Type = "Directory" } });
                break;
            case Violation.NfsVolume:
                spec.Volumes.Add(new V1Volume { Name = "shared", Nfs = new V1NFSVolumeSource { Server = "10.0.0.5", Path = "/exports" } });
                break;
            case Violation.AddCapability:
                (context.Capabilities ??= new V1Capabilities()).Add = [Pick(random, DangerousCapabilities)];
                break;
            case Violation.NoDropAll:
                (context.Capabilities ??= new V1Capabilities()).Drop = random.Next(2) == 0 ? null : ["NET_RAW"];
                break;
            case Violation.EscalationAllowed:
                context.AllowPrivilegeEscalation = true;
                break;
            case Violation.EscalationUnset:
                context.AllowPrivilegeEscalation = null;
                break;
            case Violation.RunAsRootUser:
                if (random.Next(2) == 0 && spec.SecurityContext is { } pod)
                {
                    pod.RunAsUser = 0;
                }
                else
                {
                    context.RunAsUser = 0;
                }

                break;
            case Violation.RunAsNonRootFalse:
                context.RunAsNonRoot = false;
                break;
            case Violation.RunAsNonRootUnset:
                context.RunAsNonRoot = null;
                if (spec.SecurityContext is { } podContext)
                {
                    podContext.RunAsNonRoot = null;
                }

                break;
            case Violation.SeccompUnconfined:
                context.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" };
                break;
            case Violation.SeccompUnset:
                context.SeccompProfile = null;
                if (spec.SecurityContext is { } podSeccomp)
                {
                    podSeccomp.SeccompProfile = null;
                }

                break;
            case Violation.UnsafeSysctl:
                (spec.SecurityContext ??= new V1PodSecurityContext()).Sysctls = [new V1Sysctl { Name = Pick(random, UnsafeSysctls), Value = "65536" }];
                break;
            case Violation.HostPort:
                (container.Ports ??= []).Add(new V1ContainerPort { ContainerPort = 8443, HostPort = 8443 });
                break;
            case Violation.ProcMountUnmasked:
                context.ProcMount = "Unmasked";
                break;
            case Violation.AppArmorAnnotation:
                (meta.Annotations ??= new Dictionary<string, string>())["container.apparmor.security.beta.kubernetes.io/" + container.Name] = "unconfined";
                break;
            case Violation.AppArmorProfile:
                context.AppArmorProfile = new V1AppArmorProfile { Type = "Unconfined" };
                break;
            case Violation.SeLinuxType:
                context.SeLinuxOptions = new V1SELinuxOptions { Type = "spc_t" };
                break;
            case Violation.SeLinuxUser:
                (spec.SecurityContext ??= new V1PodSecurityContext()).SeLinuxOptions = new V1SELinuxOptions { User = "system_u", Level = "s0:c123,c456" };
                break;
            case Violation.HostProcess:
                context.WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true, RunAsUserName = "NT AUTHORITY\\SYSTEM" };
                break;
            case Violation.ProbeHost:
                container.LivenessProbe = new V1Probe { HttpGet = new V1HTTPGetAction { Host = "169.254.169.254", Path = "/latest/meta-data", Port = 80 } };
                break;
        }
    }

    private static string PickKind(Random random)
    {
        var total = Kinds.Sum(k => k.Weight);
        var roll = random.Next(total);
        foreach (var (kind, weight) in Kinds)
        {
            if (roll < weight)
            {
                return kind;
            }

            roll -= weight;
        }

        return Kinds[0].Kind;
    }

    private static int Weighted(Random random, (int Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[0].Value;
    }

    internal static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    internal static string Hex(Random random, int length)
    {
        const string digits = "0123456789abcdef";
        return string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = digits[r.Next(16)];
            }
        });
    }
}
