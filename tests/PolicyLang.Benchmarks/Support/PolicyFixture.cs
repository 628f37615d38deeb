// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Benchmarks.Support;

/// <summary>Compiles the policies of a folder (recursively) and loads them, as the CLI does without its cache.</summary>
public static class PolicyFixture
{
    /// <summary>The .policy files of a folder, with paths relative to the repository.</summary>
    public static IReadOnlyList<SourceText> Sources(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.policy", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new SourceText(Path.GetRelativePath(RepositoryPaths.Root, f), File.ReadAllText(f)))];

    /// <summary>The emitted assembly of the policies in a folder; throws with the diagnostics when they do not compile.</summary>
    public static EmitResult Emit(string folder)
    {
        var emitted = Compilation.Create(Sources(folder)).Emit();
        if (!emitted.Success)
        {
            throw new InvalidOperationException($"the policies in {folder} do not compile:\n{string.Join('\n', emitted.Diagnostics)}");
        }

        return emitted;
    }

    /// <summary>
    /// An engine over the policies of a folder, with default parameters, its code resident as the CLI's one load is:
    /// explicitly, since one benchmark process sets up many engines and would otherwise spend the process's budget of
    /// resident loads (<see cref="PolicyCodeLifetime.Budgeted"/>) and measure later suites on unloadable code.
    /// </summary>
    public static PolicyEngine Engine(string folder)
    {
        var image = Emit(folder).Image ?? throw new InvalidOperationException("no image");
        return new PolicyEngine(CompiledPolicySet.Load(image, new ParameterValues(new Dictionary<string, object?>()), PolicyCodeLifetime.Resident));
    }
}
