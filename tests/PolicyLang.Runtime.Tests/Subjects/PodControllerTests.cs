// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s;
using k8s.Models;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Tests.Subjects;

/// <summary>
/// <see cref="PodController.All"/> is the one list of kinds with a pod spec: it names each kind at its model's version,
/// its template path and its template accessor agree with each other and with the model, and a manifest of each kind gives
/// the same workload whether the reader binds it whole (JSON) or the workload binds its template from the tree (YAML).
/// </summary>
public sealed class PodControllerTests
{
    private static readonly InputReader Bound = new();
    private static readonly InputReader General = new(new InputReaderOptions { Documents = new DocumentReaderOptions { ReadJsonDirectly = false } });

    public static TheoryData<string> Kinds() => [.. PodController.All.Select(c => c.Kind)];

    [Fact]
    public void The_table_lists_the_core_kinds_with_a_pod_spec_once_each()
    {
        PodController.All.Select(c => $"{c.ApiVersion} {c.Kind} {c.TemplatePath}").ShouldBe([
            "v1 Pod ",
            "apps/v1 Deployment /spec/template",
            "apps/v1 StatefulSet /spec/template",
            "apps/v1 DaemonSet /spec/template",
            "apps/v1 ReplicaSet /spec/template",
            "v1 ReplicationController /spec/template",
            "batch/v1 Job /spec/template",
            "batch/v1 CronJob /spec/jobTemplate/spec/template",
            "v1 PodTemplate /template",
        ]);
        Workload.ControllerKinds.ShouldBe(PodController.All.Select(c => c.Kind));
        PodController.All.ShouldAllBe(c => Workload.TemplatePathOf(c.Kind) == c.TemplatePath);
        Workload.TemplatePathOf("ConfigMap").ShouldBeNull();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_template_accessor_reads_the_template_at_the_template_path(string kind)
    {
        var controller = PodController.All.Single(c => c.Kind == kind);
        // KubernetesJson's own reading of the model, independent of the reader's strict settings.
        var deserialize = typeof(KubernetesJson).GetMethod(nameof(KubernetesJson.Deserialize), [typeof(string), typeof(System.Text.Json.JsonSerializerOptions)])
            .ShouldNotBeNull().MakeGenericMethod(controller.Model);
        var model = deserialize.Invoke(null, [Manifest(controller), null]).ShouldBeAssignableTo<IKubernetesObject<V1ObjectMeta>>().ShouldNotBeNull();
        model.Kind.ShouldBe(kind);
        model.ApiVersion.ShouldBe(controller.ApiVersion);

        var template = controller.TemplateOf(model).ShouldNotBeNull();
        template.Spec.Containers.ShouldHaveSingleItem().Image.ShouldBe("registry.example/app:1");
        template.Metadata.Labels["at"].ShouldBe(controller.TemplatePath.Length == 0 ? "object" : "template");
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_manifest_bound_whole_gives_the_workload_the_tree_gives(string kind)
    {
        var controller = PodController.All.Single(c => c.Kind == kind);
        var text = Manifest(controller);
        var bound = Workload.From(Bound.ReadText(text, "m.json").Single().Manifest.ShouldNotBeNull()).ShouldNotBeNull();
        var general = Workload.From(General.ReadText(text, "m.json").Single().Manifest.ShouldNotBeNull()).ShouldNotBeNull();

        bound.Object.BoundObject.ShouldNotBeNull("the JSON reader binds a core pod controller whole").ShouldBeOfType(controller.Model);
        general.Object.BoundObject.ShouldBeNull();
        foreach (var workload in new[] { bound, general })
        {
            workload.SpecPath.ShouldBe(controller.TemplatePath + "/spec");
            workload.MetadataPath.ShouldBe(controller.TemplatePath + "/metadata");
            workload.Spec.Containers.ShouldHaveSingleItem().Image.ShouldBe("registry.example/app:1");
            workload.Metadata.Labels["at"].ShouldBe(controller.TemplatePath.Length == 0 ? "object" : "template");
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_controller_without_its_template_has_no_workload_on_either_path(string kind)
    {
        var controller = PodController.All.Single(c => c.Kind == kind);
        if (controller.TemplatePath.Length == 0)
        {
            return; // a Pod is its own template
        }

        var text = $$$"""{"apiVersion":"{{{controller.ApiVersion}}}","kind":"{{{kind}}}","metadata":{"name":"web"}}""";
        Workload.From(Bound.ReadText(text, "m.json").Single().Manifest.ShouldNotBeNull()).ShouldBeNull();
        Workload.From(General.ReadText(text, "m.json").Single().Manifest.ShouldNotBeNull()).ShouldBeNull();
    }

    /// <summary>A one-line manifest of the kind with its pod template (labelled "template") at the template path.</summary>
    private static string Manifest(PodController controller)
    {
        const string Spec = """{"containers":[{"name":"app","image":"registry.example/app:1"}]}""";
        var path = controller.TemplatePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (path.Length == 0)
        {
            return $$$"""{"apiVersion":"{{{controller.ApiVersion}}}","kind":"{{{controller.Kind}}}","metadata":{"name":"web","labels":{"at":"object"}},"spec":{{{Spec}}}}""";
        }

        var value = $$$"""{"metadata":{"labels":{"at":"template"}},"spec":{{{Spec}}}}""";
        for (var i = path.Length - 1; i >= 0; i--)
        {
            value = $$$"""{"{{{path[i]}}}":{{{value}}}}""";
        }

        // The outermost key's object is the manifest's own: merge it with apiVersion, kind and metadata.
        return $$$"""{"apiVersion":"{{{controller.ApiVersion}}}","kind":"{{{controller.Kind}}}","metadata":{"name":"web","labels":{"at":"object"}},""" + value[1..];
    }
}
