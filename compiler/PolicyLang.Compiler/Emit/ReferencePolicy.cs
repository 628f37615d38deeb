// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PolicyLang.Compiler.Emit;

/// <summary>
/// Checks an emitted policy assembly: it may reference only the allowed assemblies, and only types of the
/// allowed namespaces (core value types and collections, the PolicyLang runtime, the Kubernetes models).
/// A policy can therefore never reach I/O, reflection, processes or the network.
/// </summary>
public static class ReferencePolicy
{
    /// <summary>
    /// The assemblies generated code may reference, by simple name. Kept here rather than beside the Roslyn
    /// compilation: checking a cached image must not load Roslyn.
    /// </summary>
    public static IReadOnlySet<string> AllowedAssemblies { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.Runtime",
        "System.Private.CoreLib",
        "System.Collections",
        "netstandard",
        "PolicyLang.Runtime",
        "KubernetesClient",
    };

    private static readonly string[] AllowedNamespaces =
    [
        "System",
        "System.Collections",
        "System.Collections.Generic",
        "System.Runtime.CompilerServices",
        "System.Diagnostics",
        "System.Reflection",
        "PolicyLang.Runtime.Documents",
        "PolicyLang.Runtime.Evaluation",
        "PolicyLang.Runtime.Findings",
        "PolicyLang.Runtime.Subjects",
        "PolicyLang.Runtime.Values",
        "PolicyLang.Runtime.Builtins",
        "k8s.Models",
    ];

    // Within the allowed namespaces, these types would open a door: never allowed.
    private static readonly string[] ForbiddenTypes =
    [
        "System.Type", "System.Activator", "System.AppDomain", "System.Environment", "System.GC", "System.Console",
        "System.Reflection.Assembly", "System.Reflection.MethodInfo", "System.Diagnostics.Process",
        "System.Runtime.CompilerServices.Unsafe", "System.Runtime.CompilerServices.RuntimeHelpers",
    ];

    // The namespace System holds doors too (AppContext, Environment, Type, Activator, GC…): only these types of it,
    // values and the shapes generated code is made of, are allowed.
    private static readonly HashSet<string> SystemTypes = new(StringComparer.Ordinal)
    {
        "Object", "ValueType", "Enum", "String", "Boolean", "Char", "Byte", "Int32", "Int64", "UInt32", "UInt64", "Double",
        "Single", "Decimal", "Nullable`1", "TimeSpan", "DateTime", "DateTimeOffset", "Array", "Math", "IDisposable",
        "IComparable`1", "IEquatable`1", "StringComparison", "StringComparer", "Attribute", "Exception",
        "InvalidOperationException", "ArgumentException", "NullReferenceException", "IndexOutOfRangeException",
        "Func`1", "Func`2", "Func`3", "Func`4", "Action", "Action`1", "Action`2", "Action`3", "ReadOnlySpan`1", "Span`1",
        "MemoryExtensions", "Index", "Range", "Tuple`2", "ValueTuple`2", "ValueTuple`3",
    };

    // Of the runtime's evaluation types, generated code uses the context it is given and the base of its class;
    // loading assemblies or running engines is not for policies.
    private static readonly HashSet<string> EvaluationTypes = new(StringComparer.Ordinal)
    {
        "EvaluationContext", "IInventory", "CompiledPolicy", "ParameterValues",
    };

    // The clock of a policy is the evaluation context's (deterministic, settable in tests), never the machine's.
    private static readonly HashSet<string> ForbiddenMembers = new(StringComparer.Ordinal)
    {
        "System.DateTime.get_Now", "System.DateTime.get_UtcNow", "System.DateTime.get_Today",
        "System.DateTimeOffset.get_Now", "System.DateTimeOffset.get_UtcNow",
    };

    // The attributes Roslyn itself emits into every assembly.
    private static readonly string[] CompilerTypes =
    [
        "System.Reflection.AssemblyConfigurationAttribute", "System.Diagnostics.DebuggableAttribute",
        "System.Reflection.AssemblyFileVersionAttribute", "System.Reflection.AssemblyInformationalVersionAttribute",
    ];

    /// <summary>The violations found in an assembly image (empty when it is allowed).</summary>
    public static IReadOnlyList<string> Check(byte[] image)
    {
        var problems = new List<string>();
        using var stream = new MemoryStream(image, writable: false);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.AssemblyReferences)
        {
            var name = reader.GetString(reader.GetAssemblyReference(handle).Name);
            if (!AllowedAssemblies.Contains(name))
            {
                problems.Add($"references assembly {name}");
            }
        }

        foreach (var handle in reader.TypeReferences)
        {
            var reference = reader.GetTypeReference(handle);
            if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                continue; // nested types are checked through their enclosing type
            }

            var ns = reader.GetString(reference.Namespace);
            var full = ns.Length == 0 ? reader.GetString(reference.Name) : ns + "." + reader.GetString(reference.Name);
            var name = reader.GetString(reference.Name);
            var allowedNamespace = AllowedNamespaces.Contains(ns);
            var allowedType = !ForbiddenTypes.Contains(full)
                && (ns is not ("System.Reflection" or "System.Diagnostics") || CompilerTypes.Contains(full))
                && (ns != "System.Runtime.CompilerServices" || full.EndsWith("Attribute", StringComparison.Ordinal))
                && (ns != "System" || SystemTypes.Contains(name))
                && (ns != "PolicyLang.Runtime.Evaluation" || EvaluationTypes.Contains(name));
            if (!allowedNamespace || !allowedType)
            {
                problems.Add($"references type {full}");
            }
        }

        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            if (member.Parent.Kind != HandleKind.TypeReference)
            {
                continue;
            }

            var parent = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
            var full = $"{reader.GetString(parent.Namespace)}.{reader.GetString(parent.Name)}.{reader.GetString(member.Name)}";
            if (ForbiddenMembers.Contains(full))
            {
                problems.Add($"references member {full}");
            }
        }

        return problems;
    }
}
