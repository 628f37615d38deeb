// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using k8s.Models;

namespace PolicyLang.Benchmarks.Baselines;

/// <summary>
/// The Pod Security Standards at the restricted level (latest version), hand-written in C# on the KubernetesClient
/// models: the same controls, messages and JSON pointers as policies-stdlib/kubernetes/pod-security, the way a
/// careful engineer would write them — one pass over the containers, strings built only for a finding.
/// The restricted controls replace their baseline counterparts (capabilities, seccomp, /proc mount, volume types),
/// so those baseline checks are not run.
/// </summary>
public static class PodSecurityBaseline
{
    private const string BaselineHostProcess = "PSS-B-001";
    private const string BaselineHostNamespaces = "PSS-B-002";
    private const string BaselinePrivileged = "PSS-B-003";
    private const string BaselineHostPorts = "PSS-B-006";
    private const string BaselineAppArmor = "PSS-B-007";
    private const string BaselineSeLinux = "PSS-B-008";
    private const string BaselineSysctls = "PSS-B-011";
    private const string BaselineHostProbes = "PSS-B-012";
    private const string RestrictedVolumeTypes = "PSS-R-001";
    private const string RestrictedEscalation = "PSS-R-002";
    private const string RestrictedRunAsNonRoot = "PSS-R-003";
    private const string RestrictedRunAsUser = "PSS-R-004";
    private const string RestrictedSeccomp = "PSS-R-005";
    private const string RestrictedCapabilities = "PSS-R-006";
    private const string RestrictedProcMount = "PSS-R-007";

    private const string AppArmorAnnotationPrefix = "container.apparmor.security.beta.kubernetes.io/";

    private static readonly HashSet<string> SafeSysctls = new(StringComparer.Ordinal)
    {
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range",
        "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports", "net.ipv4.tcp_keepalive_time",
        "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem",
        "net.ipv4.tcp_wmem", "net.ipv4.tcp_slow_start_after_idle", "net.ipv4.tcp_notsent_lowat",
    };

    /// <summary>Checks one workload, adding its findings to <paramref name="findings"/>.</summary>
    public static void Check(in TypedWorkload w, List<FindingKey> findings)
    {
        var spec = w.Spec;
        var pod = spec.SecurityContext;
        var windows = spec.Os?.Name == "windows";
        var userNamespace = spec.HostUsers == false;

        if (pod?.WindowsOptions?.HostProcess == true)
        {
            findings.Add(new(BaselineHostProcess, w.SpecPath + "/securityContext/windowsOptions/hostProcess", "pod must not set securityContext.windowsOptions.hostProcess=true"));
        }

        if (spec.HostNetwork == true)
        {
            findings.Add(new(BaselineHostNamespaces, w.SpecPath + "/hostNetwork", "pod must not set hostNetwork=true"));
        }

        if (spec.HostPID == true)
        {
            findings.Add(new(BaselineHostNamespaces, w.SpecPath + "/hostPID", "pod must not set hostPID=true"));
        }

        if (spec.HostIPC == true)
        {
            findings.Add(new(BaselineHostNamespaces, w.SpecPath + "/hostIPC", "pod must not set hostIPC=true"));
        }

        if (pod?.AppArmorProfile is { } podAppArmor && !IsAllowedProfile(podAppArmor.Type))
        {
            findings.Add(new(BaselineAppArmor, w.SpecPath + "/securityContext/appArmorProfile/type", $"pod must not set securityContext.appArmorProfile.type to \"{podAppArmor.Type}\""));
        }

        if (w.Metadata.Annotations is { } annotations)
        {
            foreach (var (key, value) in annotations)
            {
                if (key.StartsWith(AppArmorAnnotationPrefix, StringComparison.Ordinal) && !(value is null || value.Length == 0 || value == "runtime/default" || value.StartsWith("localhost/", StringComparison.Ordinal)))
                {
                    findings.Add(new(BaselineAppArmor, w.MetadataPath + "/annotations/" + Escape(key), $"annotation {key}=\"{value}\" must not set the AppArmor profile"));
                }
            }
        }

        var podSeLinux = pod?.SeLinuxOptions;
        if (!IsAllowedSeLinuxType(podSeLinux?.Type))
        {
            findings.Add(new(BaselineSeLinux, w.SpecPath + "/securityContext/seLinuxOptions/type", $"pod must not set securityContext.seLinuxOptions.type to \"{podSeLinux?.Type}\""));
        }

        if (!string.IsNullOrEmpty(podSeLinux?.User))
        {
            findings.Add(new(BaselineSeLinux, w.SpecPath + "/securityContext/seLinuxOptions/user", "pod must not set securityContext.seLinuxOptions.user"));
        }

        if (!string.IsNullOrEmpty(podSeLinux?.Role))
        {
            findings.Add(new(BaselineSeLinux, w.SpecPath + "/securityContext/seLinuxOptions/role", "pod must not set securityContext.seLinuxOptions.role"));
        }

        if (pod?.Sysctls is { } sysctls)
        {
            for (var i = 0; i < sysctls.Count; i++)
            {
                var name = sysctls[i].Name;
                if (name is null || !SafeSysctls.Contains(name))
                {
                    findings.Add(new(BaselineSysctls, $"{w.SpecPath}/securityContext/sysctls/{Index(i)}/name", $"pod must not set the sysctl {name}"));
                }
            }
        }

        if (spec.Volumes is { } volumes)
        {
            for (var i = 0; i < volumes.Count; i++)
            {
                if (RestrictedVolumeType(volumes[i]) is { } type)
                {
                    findings.Add(new(RestrictedVolumeTypes, $"{w.SpecPath}/volumes/{Index(i)}", $"volume {volumes[i].Name} must not use the restricted volume type {type}"));
                }
            }
        }

        if (!userNamespace)
        {
            if (pod?.RunAsNonRoot == false)
            {
                findings.Add(new(RestrictedRunAsNonRoot, w.SpecPath + "/securityContext/runAsNonRoot", "pod must not set securityContext.runAsNonRoot=false"));
            }

            if (pod?.RunAsUser == 0)
            {
                findings.Add(new(RestrictedRunAsUser, w.SpecPath + "/securityContext/runAsUser", "pod must not set securityContext.runAsUser=0"));
            }
        }

        var podSeccomp = pod?.SeccompProfile;
        var podSeccompAllowed = IsAllowedProfile(podSeccomp?.Type);
        if (!windows && podSeccomp is not null && !podSeccompAllowed)
        {
            findings.Add(new(RestrictedSeccomp, w.SpecPath + "/securityContext/seccompProfile/type", $"pod must not set securityContext.seccompProfile.type to \"{podSeccomp.Type}\""));
        }

        var context = new PodContext(w.SpecPath, windows, userNamespace, pod?.RunAsNonRoot, podSeccompAllowed, findings);
        if (spec.InitContainers is { } init)
        {
            for (var i = 0; i < init.Count; i++)
            {
                var c = init[i];
                CheckContainer(context, "/initContainers/", i, c.Name, c.SecurityContext, c.Ports, c.LivenessProbe, c.ReadinessProbe, c.StartupProbe, c.Lifecycle);
            }
        }

        var containers = spec.Containers;
        for (var i = 0; i < containers.Count; i++)
        {
            var c = containers[i];
            CheckContainer(context, "/containers/", i, c.Name, c.SecurityContext, c.Ports, c.LivenessProbe, c.ReadinessProbe, c.StartupProbe, c.Lifecycle);
        }

        if (spec.EphemeralContainers is { } ephemeral)
        {
            for (var i = 0; i < ephemeral.Count; i++)
            {
                var c = ephemeral[i];
                CheckContainer(context, "/ephemeralContainers/", i, c.Name, c.SecurityContext, c.Ports, c.LivenessProbe, c.ReadinessProbe, c.StartupProbe, c.Lifecycle);
            }
        }
    }

    private static void CheckContainer(
        in PodContext pod, string list, int index, string name, V1SecurityContext? sc, IList<V1ContainerPort>? ports,
        V1Probe? liveness, V1Probe? readiness, V1Probe? startup, V1Lifecycle? lifecycle)
    {
        var findings = pod.Findings;
        if (sc?.WindowsOptions?.HostProcess == true)
        {
            findings.Add(new(BaselineHostProcess, Path(pod, list, index, "/securityContext/windowsOptions/hostProcess"), $"container {name} must not set securityContext.windowsOptions.hostProcess=true"));
        }

        if (sc?.Privileged == true)
        {
            findings.Add(new(BaselinePrivileged, Path(pod, list, index, "/securityContext/privileged"), $"container {name} must not set securityContext.privileged=true"));
        }

        if (ports is not null)
        {
            for (var j = 0; j < ports.Count; j++)
            {
                if (ports[j].HostPort is { } hostPort and not 0)
                {
                    findings.Add(new(BaselineHostPorts, Path(pod, list, index, $"/ports/{Index(j)}/hostPort"), $"container {name} must not set hostPort {hostPort.ToString(CultureInfo.InvariantCulture)}"));
                }
            }
        }

        if (sc?.AppArmorProfile is { } appArmor && !IsAllowedProfile(appArmor.Type))
        {
            findings.Add(new(BaselineAppArmor, Path(pod, list, index, "/securityContext/appArmorProfile/type"), $"container {name} must not set securityContext.appArmorProfile.type to \"{appArmor.Type}\""));
        }

        if (sc?.SeLinuxOptions is { } seLinux)
        {
            if (!IsAllowedSeLinuxType(seLinux.Type))
            {
                findings.Add(new(BaselineSeLinux, Path(pod, list, index, "/securityContext/seLinuxOptions/type"), $"container {name} must not set securityContext.seLinuxOptions.type to \"{seLinux.Type}\""));
            }

            if (!string.IsNullOrEmpty(seLinux.User))
            {
                findings.Add(new(BaselineSeLinux, Path(pod, list, index, "/securityContext/seLinuxOptions/user"), $"container {name} must not set securityContext.seLinuxOptions.user"));
            }

            if (!string.IsNullOrEmpty(seLinux.Role))
            {
                findings.Add(new(BaselineSeLinux, Path(pod, list, index, "/securityContext/seLinuxOptions/role"), $"container {name} must not set securityContext.seLinuxOptions.role"));
            }
        }

        CheckHandlerHost(pod, list, index, name, "livenessProbe", "/livenessProbe", liveness?.HttpGet?.Host, liveness?.TcpSocket?.Host);
        CheckHandlerHost(pod, list, index, name, "readinessProbe", "/readinessProbe", readiness?.HttpGet?.Host, readiness?.TcpSocket?.Host);
        CheckHandlerHost(pod, list, index, name, "startupProbe", "/startupProbe", startup?.HttpGet?.Host, startup?.TcpSocket?.Host);
        if (lifecycle is not null)
        {
            CheckHandlerHost(pod, list, index, name, "lifecycle.postStart", "/lifecycle/postStart", lifecycle.PostStart?.HttpGet?.Host, lifecycle.PostStart?.TcpSocket?.Host);
            CheckHandlerHost(pod, list, index, name, "lifecycle.preStop", "/lifecycle/preStop", lifecycle.PreStop?.HttpGet?.Host, lifecycle.PreStop?.TcpSocket?.Host);
        }

        if (!pod.Windows && sc?.AllowPrivilegeEscalation != false)
        {
            findings.Add(new(RestrictedEscalation, Path(pod, list, index, "/securityContext/allowPrivilegeEscalation"), $"container {name} must set securityContext.allowPrivilegeEscalation=false"));
        }

        if (!pod.UserNamespace)
        {
            var runAsNonRoot = sc?.RunAsNonRoot;
            if (runAsNonRoot == false)
            {
                findings.Add(new(RestrictedRunAsNonRoot, Path(pod, list, index, "/securityContext/runAsNonRoot"), $"container {name} must not set securityContext.runAsNonRoot=false"));
            }
            else if (runAsNonRoot is null && pod.RunAsNonRoot != true)
            {
                findings.Add(new(RestrictedRunAsNonRoot, Path(pod, list, index, "/securityContext/runAsNonRoot"), $"pod or container {name} must set securityContext.runAsNonRoot=true"));
            }

            if (sc?.RunAsUser == 0)
            {
                findings.Add(new(RestrictedRunAsUser, Path(pod, list, index, "/securityContext/runAsUser"), $"container {name} must not set securityContext.runAsUser=0"));
            }
        }

        if (!pod.Windows)
        {
            var seccomp = sc?.SeccompProfile;
            if (seccomp is not null && !IsAllowedProfile(seccomp.Type))
            {
                findings.Add(new(RestrictedSeccomp, Path(pod, list, index, "/securityContext/seccompProfile/type"), $"container {name} must not set securityContext.seccompProfile.type to \"{seccomp.Type}\""));
            }
            else if (seccomp is null && !pod.SeccompAllowed)
            {
                findings.Add(new(RestrictedSeccomp, Path(pod, list, index, "/securityContext/seccompProfile"), $"pod or container {name} must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\""));
            }

            var capabilities = sc?.Capabilities;
            if (capabilities?.Drop is not { } drop || !drop.Contains("ALL"))
            {
                findings.Add(new(RestrictedCapabilities, Path(pod, list, index, "/securityContext/capabilities/drop"), $"container {name} must set securityContext.capabilities.drop=[\"ALL\"]"));
            }

            if (capabilities?.Add is { } add)
            {
                for (var j = 0; j < add.Count; j++)
                {
                    if (add[j] != "NET_BIND_SERVICE")
                    {
                        findings.Add(new(RestrictedCapabilities, Path(pod, list, index, $"/securityContext/capabilities/add/{Index(j)}"), $"container {name} must not include {add[j]} in securityContext.capabilities.add"));
                    }
                }
            }
        }

        if (sc?.ProcMount is { } procMount && procMount != "Default")
        {
            findings.Add(new(RestrictedProcMount, Path(pod, list, index, "/securityContext/procMount"), $"container {name} must not set securityContext.procMount to \"{procMount}\""));
        }
    }

    private static void CheckHandlerHost(in PodContext pod, string list, int index, string name, string handler, string field, string? httpHost, string? tcpHost)
    {
        if (!string.IsNullOrEmpty(httpHost))
        {
            pod.Findings.Add(new(BaselineHostProbes, Path(pod, list, index, field + "/httpGet/host"), $"container {name} must not set {handler}.httpGet.host (\"{httpHost}\")"));
        }

        if (!string.IsNullOrEmpty(tcpHost))
        {
            pod.Findings.Add(new(BaselineHostProbes, Path(pod, list, index, field + "/tcpSocket/host"), $"container {name} must not set {handler}.tcpSocket.host (\"{tcpHost}\")"));
        }
    }

    private static bool IsAllowedProfile(string? type) => type is "RuntimeDefault" or "Localhost";

    private static bool IsAllowedSeLinuxType(string? type) => type is null or "" or "container_t" or "container_init_t" or "container_kvm_t" or "container_engine_t";

    /// <summary>The first volume type of a volume that the restricted level forbids, or null.</summary>
    private static string? RestrictedVolumeType(V1Volume v)
    {
        if (v.ConfigMap is not null || v.Csi is not null || v.DownwardAPI is not null || v.EmptyDir is not null || v.Ephemeral is not null
            || v.Image is not null || v.PersistentVolumeClaim is not null || v.Projected is not null || v.Secret is not null)
        {
            return null;
        }

        return v.HostPath is not null ? "hostPath"
            : v.GcePersistentDisk is not null ? "gcePersistentDisk"
            : v.AwsElasticBlockStore is not null ? "awsElasticBlockStore"
            : v.GitRepo is not null ? "gitRepo"
            : v.Nfs is not null ? "nfs"
            : v.Iscsi is not null ? "iscsi"
            : v.Glusterfs is not null ? "glusterfs"
            : v.Rbd is not null ? "rbd"
            : v.FlexVolume is not null ? "flexVolume"
            : v.Cinder is not null ? "cinder"
            : v.Cephfs is not null ? "cephfs"
            : v.Flocker is not null ? "flocker"
            : v.Fc is not null ? "fc"
            : v.AzureFile is not null ? "azureFile"
            : v.VsphereVolume is not null ? "vsphereVolume"
            : v.Quobyte is not null ? "quobyte"
            : v.AzureDisk is not null ? "azureDisk"
            : v.PortworxVolume is not null ? "portworxVolume"
            : v.PhotonPersistentDisk is not null ? "photonPersistentDisk"
            : v.ScaleIO is not null ? "scaleIO"
            : v.Storageos is not null ? "storageos"
            : null;
    }

    private static string Path(in PodContext pod, string list, int index, string field) => pod.SpecPath + list + Index(index) + field;

    private static string Index(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    /// <summary>What the container checks need from the pod.</summary>
    private readonly record struct PodContext(string SpecPath, bool Windows, bool UserNamespace, bool? RunAsNonRoot, bool SeccompAllowed, List<FindingKey> Findings);
}
