// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Properties;

/// <summary>
/// Hand-written cases over the constructs whose semantics are easy to get subtly wrong (absent values, membership,
/// quantifiers, comprehensions, paths, formatting, exceptions, mutations): both back ends must agree finding for finding.
/// </summary>
public sealed class ConformanceTests
{
    private const string Pod = """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","labels":{"app":"web","app.kubernetes.io/name":"x~y"},"annotations":{"a":"1"}},
         "spec":{"hostNetwork":true,"priority":7,"terminationGracePeriodSeconds":30,
           "containers":[
             {"name":"a","image":"nginx:1.2","args":["-v","--x"],"ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443}],
              "securityContext":{"privileged":true,"runAsUser":0,"capabilities":{"add":["NET_ADMIN"],"drop":["ALL"]}},
              "resources":{"limits":{"memory":"1Gi","cpu":"500m"},"requests":{"memory":"512Mi"}},
              "env":[{"name":"A","value":"1"},{"name":"B"}],"livenessProbe":{"httpGet":{"port":8080}},"startupProbe":{"exec":{"command":["true"]}}},
             {"name":"b","securityContext":{}},
             {"image":"busybox","securityContext":{"privileged":false,"allowPrivilegeEscalation":true}}],
           "initContainers":[{"name":"init","image":"alpine"}]}}
        """;

    private const string EmptyPod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"empty"},"spec":{}}""";

    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"d","labels":{"team":"infra"}},
         "spec":{"replicas":3,"paused":false,"strategy":{"type":"Recreate"},"selector":{"matchLabels":{"app":"d"}},
           "template":{"metadata":{"labels":{"app":"d"}},"spec":{"containers":[{"name":"c","image":"repo/c@sha256:abc","securityContext":{"runAsUser":1000}}]}}}}
        """;

    private const string CronJob = """
        {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"cj"},
         "spec":{"schedule":"* * * * *","jobTemplate":{"spec":{"template":{"spec":{"containers":[{"name":"j","image":"job:latest","args":null}],"restartPolicy":"Never"}}}}}}
        """;

    private static readonly string[] AllDocuments = [Pod, EmptyPod, Deployment, CronJob];

    public static TheoryData<string, string> Policies => new()
    {
        {
            "absent values and defaults",
            """
            rule absent_compare on workload w {
              for c in w.allContainers {
                deny "eq {c.name}" when c.securityContext.privileged == true
                warn "ne {c.name}" when c.securityContext.privileged != false
                audit "lt {c.name}" when c.securityContext.runAsUser < 1
                audit "ge {c.name}" when c.securityContext.runAsUser >= 0
                warn "null {c.name}" when c.image == null
                warn "notnull {c.name}" when null != c.name
                deny "default {c.name ?? "anon"} {c.securityContext.runAsUser ?? -1} {c.securityContext.privileged ?? false}"
                audit "exists {exists(c.securityContext.capabilities)} {exists(c.name)}"
                audit "not {not c.securityContext.privileged} {not (c.stdin ?? false)}"
              }
              deny "spec {w.spec.hostNetwork} {w.spec.priority} {w.spec.terminationGracePeriodSeconds} {w.spec.priority + 1}"
              deny "arith {w.spec.priority * 2 - 3} {w.spec.priority % 4} {-w.spec.priority} {w.spec.priority / 2}"
              deny "floats {1.5 + w.spec.priority} {w.spec.priority / 2.0} {0.1 + 0.2}"
            }
            """
        },
        {
            "membership",
            """
            list shells = ["sh", "bash"]
            rule membership on workload w {
              for c in w.allContainers {
                audit "list {c.name in ["a", "b"]} {c.name not in shells} {"-v" in c.args} {80 in [p.containerPort for p in c.ports]}"
                audit "set {c.name in {"a", "z"}} {c.image in {"nginx:1.2"}}"
                audit "map {"memory" in c.resources.limits} {c.name in w.metadata.labels} {"app" in w.metadata.labels}"
                audit "string {"ngi" in c.image} {c.name in "abc"} {"x" in c.name}"
              }
              audit "dynamic {"replicas" in w.object.spec} {"c" in w.object.spec.template.spec.containers[0].name} {3 in w.object.spec}"
            }
            """
        },
        {
            "quantifiers and comprehensions",
            """
            rule quantifiers on workload w {
              deny "any {any(c in w.allContainers: c.securityContext.privileged == true)} all {all(c in w.allContainers: exists(c.name))} count {count(c in w.allContainers: exists(c.image))}"
              deny "absent any {any(a in w.spec.volumes: true)} all {all(a in w.spec.volumes: false)} count {count(a in w.spec.volumes: true)}"
              deny "nested {count(c in w.allContainers: any(p in c.ports: p.containerPort > 100))}"
              deny "names {[c.name for c in w.allContainers]} {[c.name ?? "?" for c in w.allContainers where exists(c.image)]}"
              deny "set {{c.image ?? "none" for c in w.allContainers}} map {{c.name: c.image for c in w.allContainers}}"
              deny "pairs {[i * 10 for i, c in w.allContainers]} {{k: v for k, v in w.metadata.labels where k != "app"}}"
              deny "labels {[k for k in w.metadata.labels]} {[v for k, v in w.metadata.labels]} {w.metadata.labels}"
              deny "dyn {[k for k in w.object.spec]} {count(x in w.object.spec: true)} {[x for x in w.object.spec.template.spec.containers]}"
            }
            """
        },
        {
            "paths",
            """
            rule paths on workload w {
              for c in w.allContainers {
                deny "p1" at c.securityContext.privileged when exists(c.securityContext.privileged)
                for i, p in c.ports {
                  warn "port {i} {p.containerPort}" at p.containerPort
                }
                for k, v in c.resources.limits {
                  audit "limit {k}={v}" at c.resources.limits[k]
                }
              }
              for c in w.containers {
                deny "container {c.name}" at c.name
                for i, p in [c.livenessProbe, c.readinessProbe, c.startupProbe] {
                  warn "probe {i} {p.httpGet.port}" at p.httpGet.port when exists(p)
                }
                for n in [c.name, c.image] {
                  audit "field {n}" at n
                }
              }
              for c in w.initContainers {
                deny "init {c.name}" at c.image
              }
              deny "label" at w.metadata.labels["app.kubernetes.io/name"] when exists(w.metadata.labels["app.kubernetes.io/name"])
              deny "label2" at w.metadata.labels.app
              deny "spec" at w.spec.hostNetwork
              deny "obj" at w.object.spec.replicas when exists(w.object.spec.replicas)
              for k, v in w.object.spec {
                audit "spec entry {k}" at v
              }
              for x in w.object.spec.template.spec.containers {
                audit "dyn container {x.name}" at x.image
              }
              deny "index" at w.containers[0].image
              deny "index2" at w.spec.containers[-1].name
              deny "kind {w.kind} {w.name} {w.namespace}" at w.name
            }
            """
        },
        {
            "exceptions, conditions and mutations",
            """
            rule excepted on workload w
              except when w.metadata.labels.app == "web" because "web {w.name} is exempt"
              except when w.kind == "Pod" because "pods"
              when count(c in w.allContainers: true) > 0
            {
              deny "excepted {w.name}" at w.spec
              mutate set w.spec.hostNetwork = false when w.spec.hostNetwork == true
              mutate remove w.metadata.annotations.a
              for c in w.allContainers {
                mutate set c.securityContext.runAsNonRoot = true when not (c.securityContext.runAsNonRoot ?? false)
                mutate set c.args = ["x", c.name ?? "n"]
              }
            }

            rule skipped_without_reason on workload w
              except when exists(w.spec.priority) because w.metadata.annotations.missing
            {
              warn "prio"
            }
            """
        },
        {
            "functions, constants, built-ins",
            """
            const limit = 2
            const names = {"a", "b"}
            list registries = ["docker.io", "ghcr.io"]
            func short(s: string): string = lower(s ?? "") + "!"
            func score(c: Container): int {
              let base = count(p in c.ports: true)
              base * limit + len(c.args)
            }
            rule builtins on workload w {
              for c in w.allContainers {
                deny "f {short(c.name)} {score(c)} {upper(c.name)} {startsWith(c.image, "ngi")} {endsWith(c.image ?? "", "2")}"
                deny "g {len(c.args)} {len(c.name)} {keys(c.resources.limits)} {values(w.metadata.labels)} {first(c.args)} {last(c.args)}"
                deny "h {split(c.image, ":")} {join(c.args, "+")} {replace(c.name, "a", "A")} {trim(" x ")} {c.name in names}"
                deny "q {c.resources.limits.memory > "512Mi"} {c.resources.limits["cpu"] <= "1"} {c.resources.limits.memory == "1024Mi"} {c.resources.limits.memory}"
                deny "img {imageRegistry(c.image)} {imageTag(c.image)} {imageIsPinned(c.image)} {imageRegistry(c.image) in registries}"
                deny "sets {union({"a"}, {c.name ?? "z"})} {toSet(c.args)} {sort(c.args)} {unique(c.args + c.args)}"
              }
              deny "math {sum([1, 2, w.spec.priority])} {max([3, 1])} {min([0.5, 2.0])} {abs(-3)} {floor(2.7)} {round(2.5)}"
            }
            """
        },
        {
            "dynamic values",
            """
            rule dyn on workload w {
              let spec = w.object.spec
              deny "r {spec.replicas} {spec.replicas > 2} {spec.replicas == 3} {spec.paused == false} {spec.missing ?? "dflt"} {spec.replicas + 1}"
              deny "s {spec.strategy} {spec.strategy.type == "Recreate"} {spec.selector.matchLabels.app} {spec.template.spec.containers[0]}"
              deny "t {spec.replicas < 10.5} {spec.strategy.type < "S"} {spec.replicas != null} {spec.nothing == null}"
              for k, v in spec {
                audit "entry {k}" at v when v != null
              }
              for x in spec.template.spec.containers {
                audit "item {x.name} {x.image}" at x
              }
              if spec.paused {
                deny "paused"
              } else {
                warn "not paused {spec.paused}"
              }
            }
            """
        },
        {
            "typed manifest rules",
            """
            rule deployments on manifest d
              match kinds ["Deployment"]
            {
              deny "replicas {d.spec.replicas} {d.spec.template.spec.containers[0].name} {d.spec.strategy.type}" at d.spec.replicas when d.spec.replicas > 1
              for c in d.spec.template.spec.containers {
                warn "c {c.name}" at c.securityContext.runAsUser
              }
            }

            rule any_manifest on manifest m {
              audit "kind {m.kind} {m.apiVersion} {m.metadata.name} {m.spec.replicas}" at m.metadata.name
              audit "dyn {m.spec.schedule}" at m.spec.schedule when exists(m.spec.schedule)
            }
            """
        },
        {
            "the null literal (each once made the generated C# fail to compile)",
            """
            const nothing = null
            func nil() = null
            rule null_literal on workload w {
              deny "{duration("1h") + w.object.metadata.creationTimestamp} {w.object.spec.replicas < null} {"a" in null} {not null}"
              deny "{nothing == w.spec.priority} {nil()} {nil() == null} {1 + null} {null ?? w.spec.priority} {null in w.metadata.labels}"
              for x in null {
                deny "never"
              }
            }
            """
        },
        {
            "paths of indexes and of the workload's identity",
            """
            rule indexed_paths on workload w {
              deny "{w.allContainers[0].name}" at w.allContainers[0].name
              deny "{w.allContainers[-1].image}" at w.allContainers[-1].image
              deny "{w.containers[-1].image}" at w.containers[-1].image
              deny "{w.object.spec.containers[-1]}" at w.object.spec.containers[-1]
              deny "{w.name} {w.namespace} {w.kind}" at w.name
              warn "ns" at w.namespace
              warn "kind" at w.kind
            }
            """
        },
        {
            "maps: literals with absent keys, interpolation",
            """
            rule maps on workload w {
              for c in w.allContainers {
                deny "{{c.name: [c.name], "k": [c.image]}} {w.metadata.labels} {{"scopes": ["a", "b"]}}"
              }
            }
            """
        },
        {
            "negative zero compared with absent (Roslyn folds (double?)-0D == x wrongly; found by the generated policies)",
            """
            rule negative_zero on workload w {
              for c in w.containers {
                warn "m {c.name}" when ((-0.0) == (w.spec.terminationGracePeriodSeconds * c.securityContext.runAsUser))
                warn "n {c.name}" when (-0.0) != c.securityContext.runAsUser * 1.0
              }
            }
            """
        },
        {
            "runtime errors",
            """
            rule divide on workload w {
              deny "div {100 / (w.spec.priority - 7)}"
            }

            rule map_literal_with_absent_key on workload w {
              for c in w.allContainers {
                deny "m {{c.name: 1}}"
              }
            }

            rule overflow on workload w {
              deny "o {9223372036854775807 + (w.spec.priority ?? 0)}"
            }
            """
        },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void Compiled_delegates_and_interpreter_agree(string name, string body)
    {
        var source = $"package conformance\n\n{string.Join("\n", body.Split('\n').Select(l => l.StartsWith("rule ", StringComparison.Ordinal) ? "@severity(high)\n" + l : l))}\n";
        var backEnds = BackEnds.Of(source);
        var difference = Differential.Difference(backEnds, AllDocuments);
        difference.ShouldBeNull(name);
    }
}
