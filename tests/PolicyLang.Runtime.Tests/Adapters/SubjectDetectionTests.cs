// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Adapters;

public sealed class SubjectDetectionTests
{
    [Fact]
    public void Object_with_apiVersion_and_kind_is_a_manifest()
    {
        var item = ReadItems("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n", "cm.yaml").Single();

        item.Kind.ShouldBe(InputItemKind.Manifest);
        var manifest = item.Manifest.ShouldNotBeNull();
        (manifest.ApiVersion, manifest.Kind, manifest.Name, manifest.Namespace).ShouldBe(("v1", "ConfigMap", "settings", "shop"));
        manifest.Source.ShouldBe(new SourceDocument("cm.yaml", 0, 1));
    }

    [Fact]
    public void Custom_resource_is_a_manifest()
    {
        var item = ReadItems("apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: tls}\n").Single();

        item.Manifest.ShouldNotBeNull().Kind.ShouldBe("Certificate");
    }

    [Fact]
    public void Document_without_apiVersion_and_kind_is_skipped_with_a_notice()
    {
        var items = ReadItems("replicaCount: 3\nimage: {repository: nginx}\n", "values.yaml");

        var message = items.Single().Message.ShouldNotBeNull();
        message.Level.ShouldBe(InputMessageLevel.Notice);
        message.Text.ShouldContain("no apiVersion/kind: not a Kubernetes object");
        (message.File, message.Line).ShouldBe(("values.yaml", 1));
    }

    [Fact]
    public void Scalar_document_is_skipped_with_a_notice()
    {
        ReadItems("just text\n").Single().Message.ShouldNotBeNull().Level.ShouldBe(InputMessageLevel.Notice);
    }

    [Fact]
    public void Kind_List_yields_one_manifest_per_item_with_true_file_positions()
    {
        var text = File.ReadAllText(TestData("list.yaml"));
        var items = new InputReader().Read(TestData("list.yaml")).ToList();

        items.Count.ShouldBe(3);
        var deployment = items[0].Manifest.ShouldNotBeNull();
        var service = items[1].Manifest.ShouldNotBeNull();
        (deployment.Kind, service.Kind).ShouldBe(("Deployment", "Service"));

        // The item is its own root: paths are relative to it, positions are true file positions.
        deployment.Source.File.ShouldBe(TestData("list.yaml"));
        deployment.Source.Document.ShouldBe(0);
        deployment.Source.Line.ShouldBe(7);
        deployment.Root.Line.ShouldBe(7);
        JsonPointer.Locate(deployment.Root, "/spec/template/spec/containers/0/image", out var exact).ShouldBe((17, Column(text, 17, "image")));
        exact.ShouldBeTrue();
        JsonPointer.Locate(service.Root, "/metadata/name", out _).ShouldBe((21, 5));

        var notice = items[2].Message.ShouldNotBeNull();
        notice.Level.ShouldBe(InputMessageLevel.Notice);
        notice.Text.ShouldContain("/items/2");
        notice.Line.ShouldBe(26);
    }

    [Fact]
    public void Typed_list_from_kubectl_json_yields_its_items()
    {
        var items = new InputReader().Read(TestData("pod-list.json")).ToList();

        items.Select(i => i.Manifest?.Name).ShouldBe(["api-5d8f7c6b9-abcde", "db-0"]);
        var db = items[1].Manifest.ShouldNotBeNull();
        JsonPointer.Locate(db.Root, "/spec/containers/0/image", out _).ShouldBe((30, 25));
        Workload.From(db).ShouldNotBeNull().Containers.ShouldNotBeNull().Single().Image.ShouldBe("postgres:16");
    }

    [Fact]
    public void Kind_ending_in_List_without_items_is_an_ordinary_manifest()
    {
        var item = ReadItems("apiVersion: example.com/v1\nkind: AllowList\nspec: {cidrs: [10.0.0.0/8]}\n").Single();

        item.Manifest.ShouldNotBeNull().Kind.ShouldBe("AllowList");
    }

    [Fact]
    public void Nested_lists_are_flattened_in_order()
    {
        const string text =
            "apiVersion: v1\nkind: List\nitems:\n" +
            "- apiVersion: v1\n  kind: List\n  items:\n  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n" +
            "- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}\n";

        ReadItems(text).Select(i => i.Manifest?.Name).ShouldBe(["a", "b"]);
    }

    [Fact]
    public void AdmissionReview_is_an_admission()
    {
        var item = new InputReader().Read(TestData("admission-review.json")).Single();

        item.Kind.ShouldBe(InputItemKind.Admission);
        var admission = item.Admission.ShouldNotBeNull();
        admission.Uid.ShouldBe("705ab4f5-6393-11e8-b7cc-42010a800002");
        admission.Operation.ShouldBe("UPDATE");
        (admission.Kind.Group, admission.Kind.Version, admission.Kind.Kind).ShouldBe(("apps", "v1", "Deployment"));
        admission.Resource.Resource.ShouldBe("deployments");
        (admission.Name, admission.Namespace).ShouldBe(("web", "shop"));
        admission.UserInfo.Username.ShouldBe("system:serviceaccount:ci:deployer");
        admission.UserInfo.Groups.ShouldNotBeNull().ShouldContain("system:authenticated");
        admission.UserInfo.Extra.ShouldNotBeNull()["scopes.authorization.openshift.io"].ShouldBe(["user:full"]);
        admission.DryRun.ShouldBe(false);
        Map(admission.Options)["kind"].ShouldBeOfType<DocScalar>().Text.ShouldBe("UpdateOptions");
        admission.SubResource.ShouldBeNull();

        var obj = admission.Object.ShouldNotBeNull();
        obj.Kind.ShouldBe("Deployment");
        obj.Metadata.Labels["app"].ShouldBe("web");
        JsonPointer.Locate(obj.Root, "/spec/replicas", out _).ShouldBe((24, 9));
        Workload.From(obj).ShouldNotBeNull().Containers.ShouldNotBeNull()[0].SecurityContext.Privileged.ShouldBe(true);
        admission.OldObject.ShouldNotBeNull().As<k8s.Models.V1Deployment>().Spec.Template.Spec.Containers[0].Image.ShouldBe("nginx:1.25");
        admission.Source.File.ShouldBe(TestData("admission-review.json"));
    }

    [Fact]
    public void AdmissionReview_without_request_is_an_error_naming_file_and_line()
    {
        var items = ReadItems("apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nresponse: {uid: x, allowed: true}\n", "review.yaml");

        var message = items.Single().Message.ShouldNotBeNull();
        message.Level.ShouldBe(InputMessageLevel.Error);
        message.Text.ShouldContain("the AdmissionReview has no request");
        message.ToString().ShouldStartWith("review.yaml:1:1: error:");
    }

    [Fact]
    public void AdmissionReview_whose_request_is_not_a_map_is_one_error()
    {
        var items = ReadItems("apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nrequest: yes please\n", "review.yaml");

        items.Single().Message.ShouldNotBeNull().Text.ShouldBe("/request: expected a map, found the string 'yes please'");
    }

    [Fact]
    public void AdmissionReview_with_a_mistyped_field_names_the_field()
    {
        var items = ReadItems("apiVersion: admission.k8s.io/v1\nkind: AdmissionReview\nrequest:\n  uid: x\n  userInfo:\n    groups: admins\n", "review.yaml");

        var message = items.Single().Message.ShouldNotBeNull();
        message.Text.ShouldBe("/request/userInfo/groups: expected a list, found the string 'admins'");
        (message.Line, message.Column).ShouldBe((6, 13));
    }

    [Fact]
    public void Delete_request_has_no_object()
    {
        const string json = """{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u","operation":"DELETE","object":null,"oldObject":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"}}}}""";

        var admission = ReadItems(json, "-").Single().Admission.ShouldNotBeNull();

        admission.Object.ShouldBeNull();
        admission.OldObject.ShouldNotBeNull().Name.ShouldBe("p");
    }

    [Fact]
    public void Forced_manifest_reads_any_map()
    {
        ReadItems("replicaCount: 3\n", subject: SubjectKind.Manifest).Single().Kind.ShouldBe(InputItemKind.Manifest);
    }

    [Fact]
    public void Forced_kind_on_a_list_document_is_an_error()
    {
        var message = ReadItems("- a\n- b\n", "x.yaml", SubjectKind.Image).Single().Message.ShouldNotBeNull();

        message.Level.ShouldBe(InputMessageLevel.Error);
        message.Text.ShouldBe("expected a map (a JSON object) for an image, found a list");
    }

    [Fact]
    public void Unknown_subject_kind_lists_the_valid_ones()
    {
        SubjectKindNames.TryParse("pod", out _, out var error).ShouldBeFalse();

        error.ShouldBe("unknown subject kind 'pod'; valid subject kinds: manifest, admission, image, event, host");
    }

    [Fact]
    public void Workload_cannot_be_forced()
    {
        SubjectKindNames.TryParse("workload", out _, out var error).ShouldBeFalse();

        error.ShouldNotBeNull().ShouldContain("use 'manifest'");
    }

    [Theory]
    [InlineData("manifest", SubjectKind.Manifest)]
    [InlineData("Admission", SubjectKind.Admission)]
    [InlineData("image", SubjectKind.Image)]
    [InlineData("event", SubjectKind.Event)]
    [InlineData("host", SubjectKind.Host)]
    public void Forcible_kinds_parse(string name, SubjectKind expected)
    {
        SubjectKindNames.TryParse(name, out var kind, out _).ShouldBeTrue();
        kind.ShouldBe(expected);
    }

    [Fact]
    public void Falco_and_tetragon_lines_are_detected_as_events_without_forcing()
    {
        var falco = new InputReader().Read(TestData("falco.jsonl")).ToList();
        var tetragon = new InputReader().Read(TestData("tetragon.jsonl")).ToList();

        falco.Select(i => i.Kind).ShouldBe([InputItemKind.Event, InputItemKind.Event, InputItemKind.Event]);
        tetragon.Take(3).Select(i => i.Kind).ShouldBe([InputItemKind.Event, InputItemKind.Event, InputItemKind.Event]);
    }

    [Fact]
    public void Document_errors_pass_through_as_error_items_with_their_source()
    {
        var items = ReadItems("a: [1\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n", "mixed.yaml");

        items.Count.ShouldBe(2);
        items[0].IsError.ShouldBeTrue();
        items[0].Source.ShouldNotBeNull().Document.ShouldBe(0);
        items[1].Manifest.ShouldNotBeNull().Source.Document.ShouldBe(1);
    }
}
