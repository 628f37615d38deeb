// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using System.Runtime.Loader;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// A loaded policy assembly: its manifest and one delegate per rule, bound to parameter values.
/// Loading needs no compiler, so hosts can load prebuilt bundles.
/// </summary>
public sealed class CompiledPolicySet
{
    private CompiledPolicySet(PolicyAssemblyManifest manifest, IReadOnlyList<CompiledRule> rules, Assembly assembly)
    {
        Manifest = manifest;
        Rules = rules;
        Assembly = assembly;
    }

    public PolicyAssemblyManifest Manifest { get; }

    public IReadOnlyList<CompiledRule> Rules { get; }

    public Assembly Assembly { get; }

    /// <summary>True when some rule reads the inventory, so all inputs must be read before evaluating.</summary>
    public bool UsesInventory => Rules.Any(r => r.Descriptor.UsesInventory);

    /// <summary>
    /// A policy set from rules whose delegates come from elsewhere than an emitted assembly (the compiler's reference
    /// interpreter), so that the same engine runs them; <paramref name="assembly"/> is the one that provides the delegates.
    /// </summary>
    public static CompiledPolicySet Create(PolicyAssemblyManifest manifest, IReadOnlyList<CompiledRule> rules, Assembly assembly) => new(manifest, rules, assembly);

    /// <summary>How many <see cref="PolicyCodeLifetime.Budgeted"/> loads of a process are resident.</summary>
    public const int ResidentBudget = 8;

    private static int s_residentLoads;

    /// <summary>Loads an emitted assembly image into its own load context, resident or unloadable as <paramref name="lifetime"/> says.</summary>
    public static CompiledPolicySet Load(byte[] image, ParameterValues parameters, PolicyCodeLifetime lifetime = PolicyCodeLifetime.Budgeted)
    {
        var context = new AssemblyLoadContext("policylang-policies", isCollectible: !LoadsResident(lifetime));
        using var stream = new MemoryStream(image, writable: false);
        return Load(context.LoadFromStream(stream), parameters);
    }

    /// <summary>Whether the assembly's code stays for the life of the process (and is tiered); false when it can be unloaded.</summary>
    public bool IsResident => !Assembly.IsCollectible;

    private static bool LoadsResident(PolicyCodeLifetime lifetime) => lifetime switch
    {
        PolicyCodeLifetime.Resident => true,
        PolicyCodeLifetime.Unloadable => false,
        // Counted even when the load then fails: the budget bounds the contexts made, not the policies loaded.
        _ => Interlocked.Increment(ref s_residentLoads) <= ResidentBudget,
    };

    /// <summary>Reads the embedded manifest of an assembly without instantiating its policies.</summary>
    public static PolicyAssemblyManifest ReadManifest(Assembly assembly)
    {
        var holder = assembly.GetType(PolicyAssemblyManifest.HolderType)
            ?? throw new InvalidDataException($"{assembly.GetName().Name} is not a PolicyLang policy assembly (no {PolicyAssemblyManifest.HolderType}).");
        var json = holder.GetField(PolicyAssemblyManifest.HolderField, BindingFlags.Public | BindingFlags.Static)?.GetValue(null) as string
            ?? throw new InvalidDataException("The policy assembly has no manifest.");
        return PolicyAssemblyManifest.FromJson(json);
    }

    /// <summary>Instantiates every policy of a loaded assembly with the given parameter values.</summary>
    public static CompiledPolicySet Load(Assembly assembly, ParameterValues parameters)
    {
        var manifest = ReadManifest(assembly);
        var rules = new List<CompiledRule>();
        foreach (var policy in manifest.Policies)
        {
            var type = assembly.GetType(policy.Class) ?? throw new InvalidDataException($"The policy class {policy.Class} is missing.");
            var instance = Activator.CreateInstance(type, parameters) ?? throw new InvalidDataException($"The policy class {policy.Class} could not be created.");
            foreach (var rule in policy.Rules)
            {
                var method = type.GetMethod(rule.Method, BindingFlags.Public | BindingFlags.Instance)
                    ?? throw new InvalidDataException($"The rule method {policy.Class}.{rule.Method} is missing.");
                rules.Add(new CompiledRule(rule, method.CreateDelegate(CompiledRule.DelegateTypeFor(rule.Subject), instance)));
            }
        }

        return new CompiledPolicySet(manifest, rules, assembly);
    }
}
