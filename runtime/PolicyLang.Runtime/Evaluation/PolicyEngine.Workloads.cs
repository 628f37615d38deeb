// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s.Models;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>Reading a workload ahead of its rules.</summary>
public sealed partial class PolicyEngine
{
    /// <summary>
    /// Reads the parts of a pod spec that workload rules commonly read (the pod's and each container's security
    /// context, ports, probes and handlers, the volumes), in one straight line before the first rule runs. A workload
    /// judged once comes cold from memory, and its objects are a chain of references: read rule by rule, each rule's
    /// early exits leave the next miss to the next rule, one after another; read here, the misses of the containers,
    /// of their branches and of the volumes are independent and overlap. Only stored, so the loads are kept; it
    /// reads properties of the models and never throws (it runs outside the rules' error containment), and what the
    /// rules find is unchanged.
    /// </summary>
    private static int Warm(Workload w)
    {
        var spec = w.Spec;
        var pod = spec.SecurityContext;
        var warmed = (spec.HostNetwork == true ? 1 : 0) ^ (pod?.RunAsUser is { } user ? (int)user : 0)
            ^ (pod?.SeccompProfile?.Type?.Length ?? 0) ^ (pod?.SeLinuxOptions?.Type?.Length ?? 0) ^ (pod?.Sysctls?.Count ?? 0)
            ^ (spec.Os?.Name?.Length ?? 0);
        var volumes = spec.Volumes;
        if (volumes is not null)
        {
            for (var i = 0; i < volumes.Count; i++)
            {
                // The first and the last of the volume's references: the rules test every volume source. Not the name
                // (nor a container's): the rules read names only for a finding's message, so a clean subject never does.
                // List items may be null (`volumes: [null]` binds so), here as in the containers and their ports.
                var volume = volumes[i];
                warmed ^= (volume?.Name is null ? 0 : 8) ^ (volume?.AwsElasticBlockStore is null ? 0 : 1) ^ (volume?.Glusterfs is null ? 0 : 2)
                    ^ (volume?.VsphereVolume is null ? 0 : 4);
            }
        }

        if (w.Metadata.Annotations is Dictionary<string, string> annotations)
        {
            // The dictionary's own struct enumerator: no allocation (its Keys collection is made on first use).
            foreach (var annotation in annotations)
            {
                warmed ^= annotation.Key.Length;
            }
        }

        var containers = w.AllContainers;
        for (var i = 0; i < containers.Count; i++)
        {
            warmed ^= Warm(containers[i]);
        }

        return warmed;
    }

    private static int Warm(V1Container? c)
    {
        if (c is null)
        {
            return 0;
        }

        var sc = c.SecurityContext;
        var capabilities = sc?.Capabilities;
        var lifecycle = c.Lifecycle;
        var warmed = 0;
        if (c.Ports is { } ports)
        {
            for (var i = 0; i < ports.Count; i++)
            {
                warmed ^= ports[i]?.HostPort ?? 0;
            }
        }

        warmed ^= Warm(capabilities?.Drop) ^ Warm(capabilities?.Add);

        return warmed ^ (c.Name is null ? 0 : 1)
            ^ (sc?.SeccompProfile?.Type?.Length ?? 0) ^ (sc?.SeLinuxOptions?.Type?.Length ?? 0) ^ (sc?.AppArmorProfile?.Type?.Length ?? 0)
            ^ (sc?.WindowsOptions?.HostProcess == true ? 1 : 0) ^ (sc?.ProcMount?.Length ?? 0)
            ^ Warm(c.LivenessProbe) ^ Warm(c.ReadinessProbe) ^ Warm(c.StartupProbe)
            ^ (lifecycle?.PostStart?.HttpGet?.Host?.Length ?? 0) ^ (lifecycle?.PreStop?.HttpGet?.Host?.Length ?? 0);
    }

    private static int Warm(IList<string>? items)
    {
        var warmed = 0;
        if (items is not null)
        {
            for (var i = 0; i < items.Count; i++)
            {
                warmed ^= items[i]?.Length ?? 0;
            }
        }

        return warmed;
    }

    private static int Warm(V1Probe? probe) => (probe?.HttpGet?.Host?.Length ?? 0) ^ (probe?.TcpSocket?.Host?.Length ?? 0);
}
