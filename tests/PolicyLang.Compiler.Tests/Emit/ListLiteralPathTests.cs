// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>
/// A list literal whose elements are all fields of the subject keeps their places: iterating it, <c>at</c> names
/// the field the element was read from (absent elements included). Compiled delegates and the interpreter agree.
/// </summary>
public sealed class ListLiteralPathTests
{
    private const string Policy = """
        package probes

        @severity(low)
        rule probe_hosts on workload w {
          for c in w.allContainers
            for i, p in [c.livenessProbe, c.readinessProbe, c.startupProbe]
              deny "{c.name} #{i}: {p.httpGet.host}" at p.httpGet.host when exists(p.httpGet.host)
        }

        @severity(low)
        rule any_host on workload w {
          deny "some probe has a host" when any(c in w.allContainers: any(p in [c.livenessProbe, c.startupProbe]: exists(p.httpGet.host)))
        }
        """;

    public static TheoryData<string> Backends() => ["compiled", "interpreter"];

    [Theory]
    [MemberData(nameof(Backends))]
    public void Findings_point_at_the_field_each_element_was_read_from(string backend)
    {
        var compilation = Compilation.Create([new SourceText("probes.policy", Policy)]);
        compilation.GetDiagnostics().ShouldBeEmpty();
        var set = backend == "compiled"
            ? CompiledPolicySet.Load(compilation.Emit().Image.ShouldNotBeNull(), ParameterValues.None)
            : ReferenceInterpreter.Create(compilation, ParameterValues.None).ToPolicySet();
        var pod = TestDocuments.Manifest("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
             "spec":{"template":{"spec":{
               "initContainers":[{"name":"init","image":"x","startupProbe":{"httpGet":{"host":"a","port":1}}}],
               "containers":[{"name":"app","image":"x","readinessProbe":{"httpGet":{"host":"b","port":1}},"livenessProbe":{"tcpSocket":{"port":1}}}]}}}}
            """);
        var findings = new PolicyEngine(set).EvaluateManifest(pod).Findings;
        findings.Where(f => f.Rule == "probe_hosts").Select(f => (f.Message, f.Path)).ShouldBe(
        [
            ("init #2: a", "/spec/template/spec/initContainers/0/startupProbe/httpGet/host"),
            ("app #1: b", "/spec/template/spec/containers/0/readinessProbe/httpGet/host"),
        ]);
        findings.Count(f => f.Rule == "any_host").ShouldBe(1);
    }
}
