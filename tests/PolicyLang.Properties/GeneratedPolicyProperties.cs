// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using CsCheck;
using PolicyLang.Properties.Generators;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using Xunit.Abstractions;

namespace PolicyLang.Properties;

/// <summary>
/// Properties over generated well-typed policies and generated documents: the compiled delegates and the reference
/// interpreter report the same findings in the same order, and a policy that type-checks never fails at run time.
/// A failing case shrinks; the message shows the smallest policy and document found.
/// </summary>
public sealed class GeneratedPolicyProperties
{
    /// <summary>Policies compiled with Roslyn per run (each ~0.1–0.5 s), and documents evaluated per policy.</summary>
    public static readonly int CompiledPolicies = 30 * Scale;

    public const int DocumentsPerCompiledPolicy = 50;

    /// <summary>Policies run by the interpreter alone (no Roslyn) for the no-runtime-error property.</summary>
    public static readonly int InterpretedPolicies = 200 * Scale;

    public const int DocumentsPerInterpretedPolicy = 20;

    private static readonly ParameterValues SetParameters = new(new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["gen.team"] = "web",
        ["maxUser"] = 0L,
    });

    private readonly ITestOutputHelper _output;

    /// <summary>
    /// How many times the CI budget to run: <c>POLICYLANG_PROPERTY_SCALE=50 dotnet test tests/PolicyLang.Properties</c>
    /// searches longer for disagreements (a failure prints the seed and the minimized case).
    /// </summary>
    private static int Scale => int.TryParse(Environment.GetEnvironmentVariable("POLICYLANG_PROPERTY_SCALE"), out var scale) && scale > 0 ? scale : 1;

    public GeneratedPolicyProperties(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Compiled_delegates_and_interpreter_report_the_same_findings()
    {
        var findings = new ConcurrentBag<int>();
        var rulesFiring = new ConcurrentBag<double>();
        var failures = new FailureLog();
        Shrinking.Sample(
            Gen.Select(PolicyGenerator.Policy(maxRules: 5), DocumentGenerator.Document.Array[DocumentsPerCompiledPolicy], Gen.Bool),
            (policy, documents, setParameters) =>
            {
                var parameters = setParameters ? SetParameters : ParameterValues.None;
                BackEnds backEnds;
                try
                {
                    backEnds = BackEnds.Of(policy, parameters);
                }
                catch (EmitFailedException)
                {
                    failures.Record(policy, null, parameters, FailureKind.EmitFailed);
                    throw;
                }

                var compared = Differential.Compare(backEnds, documents);
                if (compared.Difference is { } difference)
                {
                    failures.Record(policy, compared.Document, parameters, FailureKind.Difference);
                    throw new ShouldAssertException(difference);
                }

                findings.Add(compared.Findings.Count);
                rulesFiring.Add(compared.Findings.Select(f => f.Rule).Distinct().Count());
            },
            iter: CompiledPolicies,
            print: Print,
            failures);
        _output.WriteLine($"{CompiledPolicies} policies x {DocumentsPerCompiledPolicy} documents: {findings.Sum()} findings agreed; rules reporting per policy: {rulesFiring.DefaultIfEmpty().Average():0.0}");
        findings.Sum().ShouldBeGreaterThan(CompiledPolicies * DocumentsPerCompiledPolicy / 2, "the generators should make rules report findings, else the property proves little");
    }

    [Fact]
    public void Well_typed_policies_never_fail_at_run_time()
    {
        var actions = new ConcurrentDictionary<FindingAction, int>();
        var failures = new FailureLog();
        Shrinking.Sample(
            Gen.Select(PolicyGenerator.Policy(maxRules: 5), DocumentGenerator.Document.Array[DocumentsPerInterpretedPolicy], Gen.Bool),
            (policy, documents, setParameters) =>
            {
                var parameters = setParameters ? SetParameters : ParameterValues.None;
                var engine = BackEnds.Interpreter(policy, parameters);
                foreach (var document in documents)
                {
                    var result = engine.EvaluateManifest(Documents.Manifest(document));
                    result.Errors.ShouldBeEmpty($"input errors on a generated document:\n{document}");
                    foreach (var finding in result.Findings)
                    {
                        actions.AddOrUpdate(finding.Action, 1, (_, n) => n + 1);
                        if (finding.Action == FindingAction.Error && !IsIntegerOverflow(finding))
                        {
                            failures.Record(policy, document, parameters, FailureKind.RuntimeError);
                            throw new ShouldAssertException($"A well-typed policy failed at run time: {finding.Message}\n--- policy ---\n{BackEnds.Numbered(policy)}\n--- document ---\n{document}");
                        }
                    }
                }
            },
            iter: InterpretedPolicies,
            print: Print,
            failures);
        _output.WriteLine($"{InterpretedPolicies} policies x {DocumentsPerInterpretedPolicy} documents: " + string.Join(", ", actions.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value}")));
    }

    /// <summary>Integer overflow fails the rule by design (documents hold values up to long.MaxValue); nothing else may.</summary>
    private static bool IsIntegerOverflow(Finding finding) => finding.Message.Contains("OverflowException: Arithmetic operation resulted in an overflow", StringComparison.Ordinal);

    private static string Print((string Policy, string[] Documents, bool SetParameters) example) =>
        $"\n--- policy (parameters {(example.SetParameters ? "set" : "default")}) ---\n{BackEnds.Numbered(example.Policy)}\n--- {example.Documents.Length} documents ---\n{string.Join("\n", example.Documents)}";
}
