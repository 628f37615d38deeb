// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;

namespace PolicyLang.Benchmarks.Corpus;

/// <summary>
/// Writes one policy file of a given length for the <c>check</c> benchmark: a package with lists, parameters,
/// functions, rules on several subjects (loops, lets, quantifiers, comprehensions, built-ins, interpolation,
/// scopes, exceptions) and test blocks, the mix a team's policy file has. Deterministic for a given length.
/// </summary>
public static class PolicyFileGenerator
{
    private static readonly string[] Templates =
    [
        """"
        /// Containers must declare limits for {resource}.
        @id("GEN-{n}") @title("Limits {n}") @severity(medium) @tags("generated", "resources")
        @remediation("Set resources.limits.{resource}.")
        rule limits_{n} on workload w
          exclude namespaces ["kube-system"]
        {
          for c in w.allContainers {
            let limit = c.resources.limits["{resource}"]
            deny "container {c.name} has no {resource} limit" at c.resources.limits when not exists(limit)
            warn "container {c.name} limits {resource} to {limit}, above {max}" at c.resources.limits["{resource}"]
              when exists(limit) and limit > "{max}"
          }
        }

        """",
        """"
        /// Images must come from the allowed registries of team {n}.
        @id("GEN-{n}") @title("Registries {n}") @severity(high) @tags("generated", "supply-chain")
        @remediation("Mirror the image into an allowed registry.")
        rule registries_{n} on workload w when w.namespace != "sandbox-{n}" {
          for c in w.allContainers {
            let ref = image(c.image)
            deny "container {c.name} pulls {c.image} from {ref.registry}" at c.image
              when ref.valid and not any(r in allowed_registries_{n}: glob(ref.registry, r, "."))
          }
        }

        /// The registries team {n} may pull from.
        param allowed_registries_{n}: list<string> = ["ghcr.io", "*.dkr.ecr.*.amazonaws.com", "registry.k8s.io"]

        """",
        """"
        /// True when a label value is a valid owner of team {n}.
        func owner_ok_{n}(value: string): bool = matches(value, "^team-[a-z]+$") and len(value) < {max}

        /// Objects must carry an owner label.
        @id("GEN-{n}") @title("Owner {n}") @severity(low) @tags("generated", "metadata")
        @remediation("Add the label owner=team-<name>.")
        rule owner_{n} on manifest m
          match kinds ["Deployment", "StatefulSet", "DaemonSet"]
          except when m.metadata.annotations["policy/exempt-{n}"] == "true" because "exempted by annotation"
        {
          let owner = m.metadata.labels["owner"] ?? ""
          deny "{m.kind} {m.metadata.name} has no valid owner label (\"{owner}\")" at m.metadata.labels when not owner_ok_{n}(owner)
        }

        """",
        """"
        /// Ports of team {n} must be named.
        @id("GEN-{n}") @title("Named ports {n}") @severity(info) @tags("generated", "networking")
        @remediation("Name every container port.")
        rule named_ports_{n} on workload w {
          let unnamed = count(c in w.spec.containers: any(p in c.ports: not exists(p.name)))
          warn "{unnamed} containers of {w.name} have unnamed ports" when unnamed > 0
          let portless = [c.name for c in w.spec.containers where len(c.ports) == 0]
          audit "containers without ports: {portless}" when len(portless) > 0
          for i, c in w.spec.containers
            for p in c.ports where (p.containerPort ?? 0) < 1024 and p.containerPort != 80
              deny "container {i} ({c.name}) binds the privileged port {p.containerPort}" at p.containerPort
        }

        """",
        """"
        /// Shells of team {n}.
        list shells_{n} = ["bash", "sh", "zsh", "dash"]

        /// A shell in a container of team {n}.
        @id("GEN-{n}") @title("Shell {n}") @severity(medium) @tags("generated", "runtime")
        @remediation("Remove shells from images.")
        rule shell_{n} on event e
          when e.type == "execve" and e.container.id != "host" and e.proc.name in shells_{n}
            and e.k8s.labels["team"] == "team-{n}"
          alert "shell {e.proc.cmdline} in {e.k8s.namespace}/{e.k8s.pod} (parent {e.proc.parent.name})"

        test "shells of team {n} are detected" {
          given event """{"type": "execve", "proc": {"name": "bash", "cmdline": "bash"}, "container": {"id": "c"}, "k8s": {"labels": {"team": "team-{n}"}}}"""
          expect 1 alert shell_{n}
        }

        """",
        """"
        /// Replicas of team {n} must stay within bounds.
        @id("GEN-{n}") @title("Replicas {n}") @severity(medium) @tags("generated", "availability")
        @remediation("Run between 2 and {max} replicas.")
        rule replicas_{n} on manifest m match kinds ["Deployment"] {
          let replicas = m.spec.replicas ?? 1
          deny "deployment {m.metadata.name} runs {replicas} replicas, fewer than 2" at m.spec.replicas when replicas < 2
          deny "deployment {m.metadata.name} runs {replicas} replicas, more than {max}" at m.spec.replicas when replicas > {max}
          warn "deployment {m.metadata.name} has no selector labels" at m.spec.selector
            when count(k in keys(m.spec.selector.matchLabels): startsWith(k, "app")) == 0
        }

        test "replicas of team {n} are bounded" {
          given manifest """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 1
              selector: {matchLabels: {app: web}}
              template: {metadata: {labels: {app: web}}, spec: {containers: [{name: a, image: nginx}]}}
            """
          expect 1 deny replicas_{n}
        }

        """",
    ];

    /// <summary>A policy file of at least <paramref name="lines"/> lines.</summary>
    public static string Generate(int lines)
    {
        var text = new StringBuilder();
        text.Append("/// A generated team policy file for the check benchmark.\n@title(\"Generated policies\")\npackage generated.team\n\n");
        var count = 0;
        for (var n = 0; LineCount(text) < lines; n++)
        {
            var template = Templates[n % Templates.Length];
            text.Append(template
                .Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{resource}", n % 2 == 0 ? "memory" : "cpu", StringComparison.Ordinal)
                .Replace("{max}", (n % 2 == 0 ? 4 + (n % 5) : 2 + (n % 3)).ToString(CultureInfo.InvariantCulture) + (template.Contains("{resource}", StringComparison.Ordinal) && n % 2 == 0 ? "Gi" : string.Empty), StringComparison.Ordinal));
            count++;
        }

        return text.ToString();
    }

    private static int LineCount(StringBuilder text)
    {
        var lines = 0;
        foreach (var chunk in text.GetChunks())
        {
            foreach (var ch in chunk.Span)
            {
                lines += ch == '\n' ? 1 : 0;
            }
        }

        return lines;
    }
}
