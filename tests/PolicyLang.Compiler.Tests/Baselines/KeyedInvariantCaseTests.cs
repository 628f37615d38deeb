// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Compiler.Tests.Baselines;

/// <summary>
/// Every <c>Cases/KeyedInvariants/*.policy</c> file is compiled, and what its policy instance computes once
/// (the statements of the generated <c>InitInvariants</c>: plain invariant calls, and calls over a constant map's value
/// at a subject-dependent key, computed for every key) is compared with the <c>.invariants</c> file beside it. Then the
/// compiled rules and the reference interpreter must find the same (messages, errors, paths) for every key, absent and
/// unknown ones included, under several parameter values.
/// </summary>
[Trait("Category", "Baseline")]
public sealed class KeyedInvariantCaseTests
{
    private static readonly string?[] Versions = [null, "v1.19", "v1.25", "latest", "1.x"];
    private static readonly string?[] Keys = [null, "a", "b", "c", "bad", "missing", ""];
    private static readonly string?[] SecondKeys = [null, "a", "b"];

    public static TheoryData<string> Cases() => BaselineAssert.CaseNames("KeyedInvariants");

    [Theory]
    [MemberData(nameof(Cases))]
    public void What_the_policy_instance_computes_once_matches_the_baseline(string name)
    {
        var source = Compile(name).Emit().GeneratedSource.ShouldNotBeNull();
        var lines = source.Split('\n').Select(l => l.Trim()).ToList();
        var start = lines.IndexOf("private void InitInvariants()");
        start.ShouldBeGreaterThan(0);
        var body = lines.Skip(start + 2).TakeWhile(l => l != "}").Where(l => !l.StartsWith("global::PolicyLang.Runtime.Evaluation.EvaluationContext ctx", StringComparison.Ordinal));
        BaselineAssert.Matches(Path.Combine("Cases", "KeyedInvariants", name + ".invariants"), string.Concat(body.Select(l => l + "\n")));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compiled_rules_find_what_the_interpreter_finds_for_every_key(string name)
    {
        var compilation = Compile(name);
        var image = compilation.Emit().Image.ShouldNotBeNull();
        var package = compilation.GetSemanticModel().Program.Packages.Single().Symbol.Name;
        var findings = 0;
        foreach (var version in Versions)
        {
            var values = version is null ? ParameterValues.None : new ParameterValues(new Dictionary<string, object?> { [package + ".version"] = version });
            var compiled = new PolicyEngine(CompiledPolicySet.Load(image, values));
            var interpreted = new PolicyEngine(ReferenceInterpreter.Create(compilation, values).ToPolicySet());
            foreach (var k in Keys)
            {
                foreach (var j in SecondKeys)
                {
                    var pod = Pod(k, j);
                    var expected = Describe(interpreted.EvaluateManifest(pod).Findings);
                    Describe(compiled.EvaluateManifest(pod).Findings).ShouldBe(expected, $"version {version ?? "(default)"}, k={k ?? "(absent)"}, j={j ?? "(absent)"}");
                    findings += expected.Count;
                }
            }
        }

        findings.ShouldBeGreaterThan(0);
    }

    private static List<string> Describe(IReadOnlyList<Runtime.Findings.Finding> findings) =>
        [.. findings.Select(f => $"{f.Id} {f.Action} {f.Path} {f.Message}")];

    private static Runtime.Subjects.ManifestSubject Pod(string? k, string? j)
    {
        var labels = string.Join(",", new[] { ("k", k), ("j", j) }.Where(l => l.Item2 is not null).Select(l => $"\"{l.Item1}\":\"{l.Item2}\""));
        return TestDocuments.Manifest($$$"""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web-1","labels":{{{{labels}}}}},
             "spec":{"containers":[{"name":"app","image":"nginx"}]}}
            """);
    }

    private static Compilation Compile(string name)
    {
        var path = Path.Combine(BaselineAssert.SourceDirectory, "Cases", "KeyedInvariants", name + ".policy");
        var compilation = Compilation.Create([new SourceText(name + ".policy", File.ReadAllText(path))]);
        compilation.GetDiagnostics().Where(d => d.IsError).ShouldBeEmpty();
        return compilation;
    }
}
