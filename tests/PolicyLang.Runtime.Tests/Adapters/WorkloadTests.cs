// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s.Models;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Adapters;

public sealed class WorkloadTests
{
    public static TheoryData<string, string, string> Controllers => new()
    {
        { "v1", "Pod", "/spec" },
        { "apps/v1", "Deployment", "/spec/template/spec" },
        { "apps/v1", "StatefulSet", "/spec/template/spec" },
        { "apps/v1", "DaemonSet", "/spec/template/spec" },
        { "apps/v1", "ReplicaSet", "/spec/template/spec" },
        { "v1", "ReplicationController", "/spec/template/spec" },
        { "batch/v1", "Job", "/spec/template/spec" },
        { "batch/v1", "CronJob", "/spec/jobTemplate/spec/template/spec" },
        { "v1", "PodTemplate", "/template/spec" },
    };

    [Theory]
    [MemberData(nameof(Controllers))]
    public void Every_pod_controller_has_its_spec_path_and_container_paths(string apiVersion, string kind, string specPath)
    {
        var text = Manifest(apiVersion, kind);
        var manifest = ReadItems(text, kind + ".yaml").Single().Manifest.ShouldNotBeNull();

        var workload = Workload.From(manifest).ShouldNotBeNull();

        workload.SpecPath.ShouldBe(specPath);
        workload.Kind.ShouldBe(kind);
        workload.AllContainerPaths.ShouldBe([
            specPath + "/initContainers/0",
            specPath + "/containers/0",
            specPath + "/containers/1",
            specPath + "/ephemeralContainers/0",
        ]);
        workload.AllContainers.Select(c => c.Name).ShouldBe(["init", "app", "sidecar", "debug"]);

        // Each path finds its container's line in the file.
        var lines = text.Split('\n');
        for (var i = 0; i < workload.AllContainerPaths.Length; i++)
        {
            var (line, _) = JsonPointer.Locate(manifest.Root, workload.AllContainerPaths[i], out var exact);
            exact.ShouldBeTrue();
            lines[line - 1].ShouldContain("name: " + workload.AllContainers[i].Name);
        }
    }

    [Theory]
    [InlineData("spec: {containers: [{name: a, image: x}, {name: b, image: y}]}", "a,b", "/spec/containers/0,/spec/containers/1")]
    [InlineData("spec: {initContainers: [], containers: [{name: a, image: x}], ephemeralContainers: []}", "a", "/spec/containers/0")]
    [InlineData("spec: {initContainers: [{name: i, image: x}]}", "i", "/spec/initContainers/0")]
    [InlineData("spec: {ephemeralContainers: [{name: e, image: x}]}", "e", "/spec/ephemeralContainers/0")]
    [InlineData("spec: {}", "", "")]
    public void Containers_and_their_paths_follow_the_lists_the_pod_has(string spec, string names, string paths)
    {
        var manifest = ReadItems("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n" + spec + "\n", "pod.yaml").Single().Manifest.ShouldNotBeNull();

        var workload = Workload.From(manifest).ShouldNotBeNull();

        string.Join(",", workload.AllContainers.Select(c => c.Name)).ShouldBe(names);
        string.Join(",", workload.AllContainerPaths).ShouldBe(paths);
        workload.AllContainerPaths.ShouldBeSameAs(workload.AllContainerPaths); // made once
    }

    [Fact]
    public void Kind_from_another_group_is_not_a_workload()
    {
        var manifest = ReadItems(Manifest("example.com/v1", "Job")).Single().Manifest.ShouldNotBeNull();

        Workload.From(manifest).ShouldBeNull();
    }

    [Fact]
    public void Containers_of_the_wrong_type_fail_binding_with_the_path_of_the_field()
    {
        const string text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: \"x\"\n";
        var manifest = ReadItems(text, "pod.yaml").Single().Manifest.ShouldNotBeNull();

        var asPod = Should.Throw<SubjectConversionException>(() => manifest.As<V1Pod>());
        var asWorkload = Should.Throw<SubjectConversionException>(() => Workload.From(manifest));

        asPod.Path.ShouldBe("/spec/containers");
        asWorkload.Path.ShouldBe("/spec/containers");
        JsonPointer.Locate(manifest.Root, asPod.Path, out var exact).ShouldBe((5, 3));
        exact.ShouldBeTrue();
    }

    [Fact]
    public void Controller_template_of_the_wrong_type_names_the_template_path()
    {
        const string text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: \"x\"\n";
        var manifest = ReadItems(text).Single().Manifest.ShouldNotBeNull();

        Should.Throw<SubjectConversionException>(() => Workload.From(manifest)).Path.ShouldBe("/spec/template/spec/containers");
    }

    private static string Manifest(string apiVersion, string kind)
    {
        var (prefix, indent) = kind switch
        {
            "Pod" => ("spec:\n", 2),
            "CronJob" => ("spec:\n  schedule: \"*/5 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n", 10),
            "PodTemplate" => ("template:\n  metadata: {labels: {app: w}}\n  spec:\n", 4),
            _ => ("spec:\n  template:\n    metadata:\n      labels: {app: w}\n    spec:\n", 6),
        };
        string[] podSpec =
        [
            "initContainers:",
            "- name: init",
            "  image: busybox:1.36",
            "containers:",
            "- name: app",
            "  image: nginx:1.27",
            "- name: sidecar",
            "  image: envoyproxy/envoy:v1.30",
            "ephemeralContainers:",
            "- name: debug",
            "  image: busybox:1.36",
        ];
        var pad = new string(' ', indent);
        return $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: w\n  namespace: shop\n" + prefix + string.Concat(podSpec.Select(l => pad + l + "\n"));
    }
}
