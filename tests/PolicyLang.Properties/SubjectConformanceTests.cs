// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Properties;

/// <summary>
/// The subjects other than workloads (admission requests, typed manifests, images, runtime events, host facts) and
/// cross-object rules: both back ends run through the same engine entry points and must agree finding for finding.
/// </summary>
public sealed class SubjectConformanceTests
{
    private static readonly DateTimeOffset Then = new(2024, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Admission_requests()
    {
        const string policy = """
            package adm

            @severity(high)
            rule request on admission a {
              deny "op {a.operation} {a.kind.kind} {a.userInfo.username} {a.userInfo.groups} {a.dryRun} {a.object.metadata.name} {a.object.spec.replicas} {a.oldObject.spec.replicas}" at a.object.spec.replicas when a.operation in ["CREATE", "UPDATE"]
              for g in a.userInfo.groups {
                warn "group {g}" when startsWith(g, "system:")
              }
              audit "extra {a.userInfo.extra} {a.options.fieldManager} {a.name} {a.namespace} {a.resource.resource}"
            }

            @severity(medium)
            rule typed on admission a
              match kinds ["Deployment"]
            {
              deny "typed {a.object.spec.replicas} {a.object.spec.template.spec.containers[0].image} {a.oldObject.spec.replicas}" at a.object.spec.replicas when a.object.spec.replicas > 2
              mutate set a.object.spec.replicas = 2 when a.object.spec.replicas > 2
              for c in a.object.spec.template.spec.containers {
                warn "container {c.name}" at c.image when not startsWith(c.image, "ghcr.io/")
              }
            }

            @severity(low)
            rule on_workloads on workload w {
              audit "workload {w.kind} {count(c in w.allContainers: true)}" at w.spec
            }
            """;
        Agree(policy, engine =>
        [
            engine.EvaluateAdmission(Admission("CREATE", Deployment(replicas: 3), null, "alice", ["system:masters", "dev"])),
            engine.EvaluateAdmission(Admission("UPDATE", Deployment(replicas: 1), Deployment(replicas: 5), "bob", null)),
            engine.EvaluateAdmission(Admission("DELETE", null, Deployment(replicas: 2), null, [])),
            engine.EvaluateAdmission(Admission("CREATE", Documents.Manifest("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm"}}"""), null, "carol", ["system:nodes"])),
        ]);
    }

    [Fact]
    public void Images()
    {
        const string policy = """
            package img

            @severity(high)
            rule image on image i {
              deny "ref {i.reference.registry} {i.reference.repository} {i.reference.tag} {i.reference.digest} {i.created} {i.size} {i.config.user ?? "root"} {i.os}/{i.architecture}"
              for v in i.vulnerabilities where v.cvss >= 7.0 {
                deny "vuln {v.id} {v.cvss} {v.severity} {v.fixedVersion ?? "no fix"}" at v.cvss
              }
              warn "old {now() - i.created}" when i.created < now() - duration("720h")
              audit "labels {i.config.labels} {count(p in i.packages: "MIT" in p.licenses)} {[l.size for l in i.layers]} {sum([l.size for l in i.layers])}"
              audit "history {[h.createdBy for h in i.history where not (h.emptyLayer ?? false)]} {i.config.env} {i.config.healthcheck}"
            }
            """;
        Agree(policy, engine =>
        [
            engine.EvaluateImage(new ImageSubject
            {
                Reference = ImageReference.Parse("ghcr.io/acme/web:1.2"),
                Os = "linux",
                Architecture = "amd64",
                Created = Then,
                Size = 123456,
                Config = new ImageConfig { User = "1000", Env = ["PATH=/bin"], Labels = new Dictionary<string, string> { ["org.opencontainers.image.source"] = "x" }, Healthcheck = true },
                History = [new ImageHistoryEntry { CreatedBy = "RUN apk add", EmptyLayer = false }, new ImageHistoryEntry { CreatedBy = "ENV A=1", EmptyLayer = true }],
                Layers = [new ImageLayer { Digest = "sha256:1", Size = 10 }, new ImageLayer { Digest = "sha256:2" }],
                Packages = [new ImagePackage { Name = "openssl", Licenses = ["Apache-2.0"] }, new ImagePackage { Name = "musl", Licenses = ["MIT"] }],
                Vulnerabilities = [new ImageVulnerability { Id = "CVE-1", Cvss = 9.8, Severity = "CRITICAL", FixedVersion = "3.0.1" }, new ImageVulnerability { Id = "CVE-2", Cvss = 5.0 }, new ImageVulnerability { Id = "CVE-3" }],
                Root = (DocMap)Documents.FromJson(System.Text.Json.JsonDocument.Parse("""{"vulnerabilities":[{"cvss":9.8},{"cvss":5.0},{}]}""").RootElement),
                Source = new SourceDocument("image.json", 0, 1),
            }),
            engine.EvaluateImage(new ImageSubject { Reference = ImageReference.Parse("nginx") }),
            engine.EvaluateImage(new ImageSubject { Reference = ImageReference.Parse("not a reference!"), Created = BackEnds.Now }),
        ]);
    }

    [Fact]
    public void Runtime_events()
    {
        const string policy = """
            package ev

            list shells = ["sh", "bash"]

            @severity(high)
            rule shell on event e
              when e.type == "execve"
            {
              alert "shell {e.proc.name} {e.proc.args} {e.time} {e.proc.parent.name} {e.container.privileged}" when e.proc.name in shells
              warn "ancestors {e.proc.ancestors}" when any(a in e.proc.ancestors: a in shells)
            }

            @severity(medium)
            rule files on event e {
              alert "write {e.file.path} {e.file.flags}" when e.file.write == true and startsWith(e.file.path, "/etc")
              audit "net {e.net.destIp}:{e.net.destPort} {e.k8s.namespace}/{e.k8s.pod} {e.k8s.labels}" when e.net.destPort != null and e.net.destPort < 1024
            }
            """;
        Agree(policy, engine =>
        [
            engine.EvaluateEvent(new RuntimeEvent { Type = "execve", Time = Then, Proc = new EventProcess { Name = "bash", Args = ["-c", "id"], Ancestors = ["containerd-shim", "sh"], Parent = new EventParentProcess { Name = "sh" } }, Container = new EventContainer { Privileged = true } }),
            engine.EvaluateEvent(new RuntimeEvent { Type = "open", File = new EventFile { Path = "/etc/shadow", Write = true, Flags = ["O_WRONLY"] } }),
            engine.EvaluateEvent(new RuntimeEvent { Type = "connect", Net = new EventNetwork { DestIp = "10.0.0.1", DestPort = 53 }, K8s = new EventKubernetes { Namespace = "prod", Pod = "web", Labels = new Dictionary<string, string> { ["app"] = "web" } } }),
            engine.EvaluateEvent(new RuntimeEvent()),
        ]);
    }

    [Fact]
    public void Host_facts()
    {
        const string policy = """
            package cis

            @severity(high)
            rule files on host h {
              for path, f in h.files {
                deny "mode {path} {modeString(f.mode)} {f.owner}:{f.group}" at f.mode when f.exists == true and not modeAtMost(f.mode, "644")
              }
              for name, p in h.processes {
                warn "anonymous {name} {p.flags["--anonymous-auth"]}" at p.flags["--anonymous-auth"] when p.flags["--anonymous-auth"] != "false"
              }
              audit "kubelet {h.kubeletConfig.authentication.anonymous.enabled} {h.sysctls} {h.node} {h.kubeletVersion}"
            }
            """;
        Agree(policy, engine =>
        [
            engine.EvaluateHost(new HostFacts
            {
                Node = "node-1",
                KubeletVersion = "v1.30.1",
                Files = new Dictionary<string, HostFile>
                {
                    ["/etc/kubernetes/kubelet.conf"] = new HostFile { Path = "/etc/kubernetes/kubelet.conf", Exists = true, Mode = Convert.ToInt64("666", 8), Owner = "root", Group = "root" },
                    ["/var/lib/kubelet/config.yaml"] = new HostFile { Exists = true, Mode = Convert.ToInt64("600", 8) },
                    ["/missing"] = new HostFile { Exists = false },
                },
                Processes = new Dictionary<string, HostProcess> { ["kubelet"] = new HostProcess { Name = "kubelet", Flags = new Dictionary<string, string> { ["--anonymous-auth"] = "true" } } },
                KubeletConfig = Documents.FromJson(System.Text.Json.JsonDocument.Parse("""{"authentication":{"anonymous":{"enabled":false}}}""").RootElement),
                Sysctls = new Dictionary<string, string> { ["net.ipv4.ip_forward"] = "1" },
                Root = (DocMap)Documents.FromJson(System.Text.Json.JsonDocument.Parse("""{"files":{"/etc/kubernetes/kubelet.conf":{"mode":438}},"processes":{"kubelet":{"flags":{"--anonymous-auth":"true"}}}}""").RootElement),
                Source = new SourceDocument("host.json", 0, 1),
            }),
            engine.EvaluateHost(new HostFacts()),
        ]);
    }

    [Fact]
    public void Cross_object_rules()
    {
        const string policy = """
            package cross

            @severity(high)
            rule duplicate_names on workload w {
              deny "duplicate {w.name} {count(o in workloads(): o.name == w.name)}" at w.object.metadata.name when count(o in workloads(): o.name == w.name) > 1
              audit "deployments {count(d in inventory("Deployment"): d.spec.replicas > 1)} {len(inventory())} {[o.kind for o in inventory()]} {[d.metadata.name for d in inventory("Deployment")]}"
            }

            @severity(low)
            rule services on manifest m
              match kinds ["Service"]
            {
              warn "selects nothing {m.metadata.name}" when not any(w in workloads(): all(k, v in m.spec.selector: w.metadata.labels[k] == v))
            }
            """;
        var objects = new List<ManifestSubject>
        {
            Deployment(replicas: 3),
            Deployment(replicas: 1),
            Documents.Manifest("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"db"}},"spec":{"containers":[{"name":"c"}]}}"""),
            Documents.Manifest("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"svc"},"spec":{"selector":{"app":"web"}}}"""),
            Documents.Manifest("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"orphan"},"spec":{"selector":{"app":"none"}}}"""),
        };
        var inventory = new Inventory(objects);
        Agree(policy, engine => objects.Select(o => engine.EvaluateManifest(o, inventory)).ToArray());
    }

    [Fact]
    public void A_deadline_stops_a_loop_between_iterations()
    {
        const string policy = """
            package deadline

            @severity(high)
            rule loop on workload w {
              for o in workloads() {
                deny "never reached {o.name}"
              }
              deny "nor this"
            }

            @severity(low)
            rule after on workload w {
              deny "later rules are cancelled too"
            }
            """;
        var pod = Documents.Manifest("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c"}]}}""");
        Agree(policy, engine =>
        {
            // Reading the inventory cancels the evaluation: the loop's first iteration must notice, before its body runs.
            using var deadline = new CancellationTokenSource();
            return [engine.EvaluateManifest(pod, new CancellingInventory(new Inventory([pod]), deadline), deadline.Token)];
        });
    }

    private static void Agree(string policy, Func<PolicyEngine, SubjectResult[]> evaluate)
    {
        var backEnds = BackEnds.Of(policy);
        var compiled = Lines(evaluate(backEnds.Compiled));
        var interpreted = Lines(evaluate(backEnds.Interpreted));
        interpreted.ShouldBe(compiled, $"--- policy ---\n{BackEnds.Numbered(policy)}\n--- compiled ---\n{string.Join("\n", compiled)}\n--- interpreted ---\n{string.Join("\n", interpreted)}");
        compiled.ShouldNotBeEmpty();
    }

    private static List<string> Lines(SubjectResult[] results) =>
        [.. results.SelectMany((r, i) => r.Findings.Select(f => $"#{i} {BackEnds.Describe(f)}").Concat(r.Errors.Select(e => $"#{i} input error: {e.Message}")))];

    private static ManifestSubject Deployment(int replicas) => Documents.Manifest(Json(
        $"{{'apiVersion':'apps/v1','kind':'Deployment','metadata':{{'name':'web','namespace':'prod','labels':{{'app':'web'}}}},'spec':{{'replicas':{replicas},"
        + $"'selector':{{'matchLabels':{{'app':'web'}}}},'template':{{'metadata':{{'labels':{{'app':'web'}}}},'spec':{{'containers':[{{'name':'c','image':'docker.io/nginx:{replicas}'}},{{'name':'d','image':'ghcr.io/x/y'}}]}}}}}}}}"));

    /// <summary>JSON written with single quotes (for readability in C# strings).</summary>
    private static string Json(string text) => text.Replace('\'', '"');

    private static AdmissionSubject Admission(string operation, ManifestSubject? target, ManifestSubject? old, string? user, IList<string>? groups)
    {
        var json = Json($"{{'request':{{'operation':'{operation}','object':{(target is null ? "null" : "{}")},'options':{{'fieldManager':'kubectl'}}}}}}");
        var root = (DocMap)Documents.FromJson(System.Text.Json.JsonDocument.Parse(json).RootElement);
        return new AdmissionSubject
        {
            Uid = "1",
            Operation = operation,
            Kind = new GroupVersionKind { Group = "apps", Version = "v1", Kind = (target ?? old)?.Kind },
            Resource = new GroupVersionResource { Group = "apps", Version = "v1", Resource = "deployments" },
            Name = (target ?? old)?.Name,
            Namespace = (target ?? old)?.Namespace,
            UserInfo = new AdmissionUserInfo { Username = user, Groups = groups, Extra = user is null ? null : new Dictionary<string, IList<string>> { ["scopes"] = ["a", "b"] } },
            Object = target,
            OldObject = old,
            DryRun = operation == "UPDATE" ? true : null,
            Options = (root["request"] as DocMap)?["options"],
            Root = root,
            Source = new SourceDocument("admission.json", 0, 1),
        };
    }

    /// <summary>An inventory that cancels the evaluation when a rule reads its workloads.</summary>
    private sealed class CancellingInventory(IInventory inner, CancellationTokenSource deadline) : IInventory
    {
        public IList<ManifestSubject> Objects => inner.Objects;

        public IList<Workload> Workloads
        {
            get
            {
                deadline.Cancel();
                return inner.Workloads;
            }
        }

        public IList<ManifestSubject> OfKind(string kind) => inner.OfKind(kind);

        public IList<T> OfKind<T>(string kind)
            where T : class => inner.OfKind<T>(kind);
    }
}
