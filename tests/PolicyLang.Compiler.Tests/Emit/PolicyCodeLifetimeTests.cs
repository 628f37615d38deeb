// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Runtime.Loader;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>Resident and unloadable policy code: where the assembly is loaded, and that both evaluate alike.</summary>
public sealed class PolicyCodeLifetimeTests
{
    private static readonly Lazy<byte[]> Image = new(() =>
    {
        const string policy = """
            package lifetime

            rule no_privileged on workload w {
              for c in w.allContainers
                deny "container {c.name} is privileged" at c.securityContext.privileged
                  when c.securityContext.privileged == true
            }
            """;
        var result = Compilation.Create([new SourceText("lifetime.policy", policy)]).Emit();
        return result.Image.ShouldNotBeNull(string.Join("\n", result.Diagnostics));
    });

    private static readonly string[] Expected = ["container bad is privileged at /spec/containers/1/securityContext/privileged"];

    [Theory]
    [InlineData(PolicyCodeLifetime.Resident, false)]
    [InlineData(PolicyCodeLifetime.Unloadable, true)]
    public void The_lifetime_decides_whether_the_load_context_is_collectible(PolicyCodeLifetime lifetime, bool collectible)
    {
        var set = CompiledPolicySet.Load(Image.Value, ParameterValues.None, lifetime);

        set.IsResident.ShouldBe(!collectible);
        AssemblyLoadContext.GetLoadContext(set.Assembly).ShouldNotBeNull().IsCollectible.ShouldBe(collectible);
        Deny(set).ShouldBe(Expected);
    }

    [Fact]
    public void Budgeted_loads_stop_being_resident_once_the_budget_is_spent_and_stay_so()
    {
        // Other tests of this process may have spent some of the budget: at most all of it is left.
        var loads = Enumerable.Range(0, CompiledPolicySet.ResidentBudget + 3)
            .Select(_ => CompiledPolicySet.Load(Image.Value, ParameterValues.None))
            .ToArray();

        var firstUnloadable = Array.FindIndex(loads, s => !s.IsResident);
        firstUnloadable.ShouldBeInRange(0, CompiledPolicySet.ResidentBudget);
        loads.Skip(firstUnloadable).ShouldAllBe(s => !s.IsResident);
        loads.ShouldAllBe(s => Deny(s).SequenceEqual(Expected));
    }

    private static string[] Deny(CompiledPolicySet set)
    {
        var pod = TestDocuments.Manifest("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[
              {"name":"ok","image":"nginx"},{"name":"bad","image":"nginx","securityContext":{"privileged":true}}]}}
            """);
        return [.. new PolicyEngine(set).EvaluateManifest(pod).Findings.Select(f => $"{f.Message} at {f.Path}")];
    }
}
