// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyLang.Hosts.Admission.Admission;
using PolicyLang.Hosts.Tests.Support;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Hosts.Tests.Evaluation;

/// <summary>The RFC 6902 operations EvaluationContext.Patch records for mutate statements (what `eval -o json` shows).</summary>
public sealed class PatchPlannerTests
{
    private const string Policy = """
        package patches
        @id("P-1")
        rule defaults on manifest m match kinds ["Pod"] {
          mutate set m.metadata.labels["team"] = "core"
          mutate set m.metadata.labels["tier"] = "web"
          mutate set m.metadata.annotations["seen"] = "yes"
          mutate remove m.metadata.annotations["absent"]
        }
        @id("P-2")
        rule seccomp on workload w match kinds ["Pod"] {
          for c in w.spec.containers
            mutate set c.securityContext.seccompProfile.type = "RuntimeDefault"
          for c in w.spec.containers
            mutate set c.securityContext.runAsNonRoot = true
        }
        """;

    private static IReadOnlyList<Finding> Mutate(string manifest)
    {
        var (image, _) = TestPolicies.CompileText(Policy);
        var engine = new PolicyEngine(CompiledPolicySet.Load(image, ParameterValues.None));
        var subject = new InputReader().ReadText(manifest, "pod.json").Single().Manifest ?? throw new InvalidOperationException("not a manifest");
        return engine.EvaluateManifest(subject).Findings;
    }

    private static JsonArray AsJson(IEnumerable<PatchOperation> operations) =>
        new([.. operations.Select(o => new JsonObject { ["op"] = o.Op, ["path"] = o.Path, ["value"] = o.Op == "remove" ? null : PatchValues.ToJson(o.Value) })]);

    [Fact]
    public void Missing_parents_are_created_once_and_the_patch_applies_strictly()
    {
        const string pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y","securityContext":{"runAsNonRoot":false}}]}}""";

        var findings = Mutate(pod);
        var operations = findings.SelectMany(f => f.Patch ?? []).ToList();
        var result = JsonPatch.Apply(JsonNode.Parse(pod) ?? new JsonObject(), AsJson(operations));

        findings.ShouldAllBe(f => f.Action == FindingAction.Mutate);
        findings.Select(f => f.Patch?[^1].Path).ShouldNotContain("/metadata/annotations/absent");
        operations.Count(o => o.Path == "/metadata/labels").ShouldBe(1);
        operations.Single(o => o.Path == "/spec/containers/1/securityContext/runAsNonRoot").Op.ShouldBe("replace");
        result["metadata"]?.ToJsonString().ShouldBe("""{"name":"p","labels":{"team":"core","tier":"web"},"annotations":{"seen":"yes"}}""");
        result["spec"]?["containers"]?[0]?["securityContext"]?.ToJsonString().ShouldBe("""{"seccompProfile":{"type":"RuntimeDefault"},"runAsNonRoot":true}""");
        result["spec"]?["containers"]?[1]?["securityContext"]?.ToJsonString().ShouldBe("""{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}}""");
    }

    [Fact]
    public void Existing_values_are_replaced_and_removals_of_present_fields_are_kept()
    {
        const string pod = """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"team":"old"},"annotations":{"absent":"no, here"}},"spec":{"containers":[]}}""";

        var operations = Mutate(pod).SelectMany(f => f.Patch ?? []).ToList();
        var result = JsonPatch.Apply(JsonNode.Parse(pod) ?? new JsonObject(), AsJson(operations));

        operations.Select(o => $"{o.Op} {o.Path}").ShouldBe(["replace /metadata/labels/team", "add /metadata/labels/tier", "add /metadata/annotations/seen", "remove /metadata/annotations/absent"]);
        result["metadata"]?.ToJsonString().ShouldBe("""{"name":"p","labels":{"team":"core","tier":"web"},"annotations":{"seen":"yes"}}""");
        JsonSerializer.Serialize(operations[0].Value).ShouldBe("\"core\"");
    }
}
