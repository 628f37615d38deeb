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
