// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s.Models;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;
using O = PolicyLang.Runtime.Builtins.ObjectBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class ObjectBuiltinsTests
{
    [Fact]
    public void The_fields_of_an_object_are_its_set_fields_by_their_yaml_names()
    {
        O.Fields(new V1Volume { Name = "h", HostPath = new V1HostPathVolumeSource { Path = "/" } }).ShouldBe(["hostPath", "name"]);
        O.Fields(new V1Volume { Name = "scratch" }).ShouldBe(["name"]);
        O.Fields(new V1Probe { HttpGet = new V1HTTPGetAction { Port = 80 }, PeriodSeconds = 0 }).ShouldBe(["httpGet", "periodSeconds"]);
    }

    [Fact]
    public void Values_of_exactly_their_declared_type_give_the_same_fields_as_any_other_value()
    {
        // Fields<V1Volume> takes the typed path (one compiled mask test); Fields<object> goes through the type tests.
        V1Volume[] volumes =
        [
            new() { Name = "h", HostPath = new V1HostPathVolumeSource { Path = "/" } },
            new() { Name = "s", Secret = new V1SecretVolumeSource(), Nfs = new V1NFSVolumeSource { Path = "/", Server = "n" } },
            new(),
            new ExtendedVolume { Name = "x", EmptyDir = new V1EmptyDirVolumeSource() },
        ];
        foreach (var volume in volumes)
        {
            O.Fields(volume).ShouldBe(O.Fields<object>(volume));
        }

        O.Fields(volumes[1]).ShouldBe(["name", "nfs", "secret"], ignoreOrder: true);
        O.Fields(volumes[2]).ShouldBeEmpty();
        O.Fields<V1Volume>(volumes[3]).ShouldBe(["emptyDir", "name"], ignoreOrder: true);

        // Nullable value-typed fields are set when they have a value, plain value-typed ones always.
        O.Fields(new V1ContainerPort { ContainerPort = 80 }).ShouldBe(["containerPort"]);
        O.Fields(new V1ContainerPort { ContainerPort = 80, HostPort = 0 }).ShouldBe(["containerPort", "hostPort"], ignoreOrder: true);
    }

    /// <summary>A type derived from a model type: its values take the general path.</summary>
    private sealed record ExtendedVolume : V1Volume;

    [Fact]
    public void Maps_and_dynamic_objects_give_their_keys_with_values()
    {
        O.Fields<IDictionary<string, string?>>(new Dictionary<string, string?> { ["a"] = "1", ["b"] = null }).ShouldBe(["a"]);
        var map = new DocMap([new DocEntry("x", new DocScalar(DocNodeKind.Integer, "1", 1, 1), 1, 1), new DocEntry("y", new DocScalar(DocNodeKind.Null, string.Empty, 1, 1), 1, 1)], 1, 1);
        O.Fields<DocNode>(map).ShouldBe(["x"]);
    }

    [Fact]
    public void Absent_values_scalars_and_lists_have_no_fields()
    {
        O.Fields<V1Volume?>(null).ShouldBeEmpty();
        O.Fields<long?>(3).ShouldBeEmpty();
        O.Fields("text").ShouldBeEmpty();
        O.Fields<IList<string>>(["a"]).ShouldBeEmpty();
        O.Fields<DocNode>(new DocScalar(DocNodeKind.String, "s", 1, 1)).ShouldBeEmpty();
    }

    [Fact]
    public void Fields_hidden_from_policies_are_not_listed()
    {
        var pod = new ManifestSubject(new DocMap([new DocEntry("apiVersion", new DocScalar(DocNodeKind.String, "v1", 1, 1), 1, 1), new DocEntry("kind", new DocScalar(DocNodeKind.String, "Pod", 1, 1), 1, 1), new DocEntry("spec", new DocMap([], 1, 1), 1, 1)], 1, 1), new SourceDocument("p.yaml", 0, 1));
        var workload = Workload.From(pod).ShouldNotBeNull();
        O.Fields(workload).ShouldNotContain("SpecPath");
        O.Fields(workload).ShouldNotContain("specPath");
        O.Fields(workload).ShouldContain("spec");
    }
}
