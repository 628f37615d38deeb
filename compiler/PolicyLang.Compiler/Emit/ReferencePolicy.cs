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
            if (!PolicyAssemblyCompiler.AllowedAssemblies.Contains(name))
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
            var allowedNamespace = AllowedNamespaces.Contains(ns);
            var allowedType = !ForbiddenTypes.Contains(full)
                && (ns is not ("System.Reflection" or "System.Diagnostics") || CompilerTypes.Contains(full))
                && (ns != "System.Runtime.CompilerServices" || full.EndsWith("Attribute", StringComparison.Ordinal));
            if (!allowedNamespace || !allowedType)
            {
                problems.Add($"references type {full}");
            }
        }

        return problems;
    }
}
