// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace PolicyLang.Compiler.Emit;

/// <summary>
/// Compiles generated C# in memory with Roslyn. The compilation references only the core library, the
/// collections library, the PolicyLang runtime and the Kubernetes models: generated code cannot name
/// anything else (I/O, reflection, processes, network), and <see cref="ReferencePolicy"/> checks the result.
/// </summary>
internal static class PolicyAssemblyCompiler
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(LoadReferences);

    public static (byte[]? Image, IReadOnlyList<Microsoft.CodeAnalysis.Diagnostic> Errors) Compile(string assemblyName, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest), path: "PolicyProgram.g.cs");
        var options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            optimizationLevel: OptimizationLevel.Release,
            deterministic: true,
            nullableContextOptions: NullableContextOptions.Disable,
            concurrentBuild: true,
            // Integer overflow fails the rule (an error finding) rather than wrapping around silently.
            checkOverflow: true);
        var compilation = CSharpCompilation.Create(assemblyName, [tree], References.Value, options);
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        return (result.Success ? stream.ToArray() : null, errors);
    }

    private static ImmutableArray<MetadataReference> LoadReferences()
    {
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var wanted = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "System.Runtime", "System.Private.CoreLib", "System.Collections", "netstandard" };
        var references = trusted
            .Where(path => wanted.Contains(Path.GetFileNameWithoutExtension(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToList();
        references.Add(Reference(typeof(Runtime.Evaluation.CompiledPolicy).Assembly));
        references.Add(Reference(typeof(k8s.Models.V1Pod).Assembly));
        return [.. references];
    }

    private static MetadataReference Reference(Assembly assembly) =>
        string.IsNullOrEmpty(assembly.Location)
            ? throw new InvalidOperationException($"{assembly.GetName().Name} has no file location; the compiler needs it to reference the assembly.")
            : MetadataReference.CreateFromFile(assembly.Location);
}
