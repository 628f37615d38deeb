// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Loading;
using PolicyLang.Cli.Output;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Cli.Commands;

/// <summary>Compiles policy paths to an assembly image and its manifest, for bundles and for hosts serving sources.</summary>
internal static class PolicyCompiler
{
    /// <summary>The emitted policies, or null after writing the reasons to <paramref name="error"/>.</summary>
    public static CompiledPolicies? Compile(IReadOnlyList<string> paths, ICompileCache? cache, TextWriter error)
    {
        var (sources, readErrors) = PolicySources.Read(paths, PhysicalFileSystem.Instance);
        foreach (var message in readErrors)
        {
            error.WriteLine("policylang: " + message);
        }

        if (readErrors.Count > 0)
        {
            return null;
        }

        if (sources.Count == 0)
        {
            error.WriteLine($"policylang: no .policy files found in {string.Join(", ", paths)}");
            return null;
        }

        var contentHash = Compilation.ContentHashOf(sources);
        if (cache is not null && Compilation.TryLoadCached(sources, cache) is { Image: { } cachedImage, Manifest: { } cachedManifest })
        {
            // A warm run: no parsing, no binding, Roslyn never loaded.
            return new CompiledPolicies(cachedImage, cachedManifest, contentHash);
        }

        // A cold run compiled by a child process: this one stays as light as a warm run.
        var fromChild = !OutOfProcessCompiler.IsAvailable ? null
            : cache is DiskCompileCache disk ? CompileInChild(paths, sources, contentHash, disk)
            : cache is null ? CompileInChildWithoutCache(paths, sources, contentHash)
            : null;
        if (fromChild is not null)
        {
            return fromChild;
        }

        var compiled = CompileFresh(sources, cache, error);
        if (compiled is not null)
        {
            // Roslyn's syntax trees, symbols and caches are garbage now: give their memory back before evaluation
            // allocates its own, so that a cold run's peak is not the compiler's heap plus the evaluation's.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        return compiled;
    }

    /// <summary>The child fills <paramref name="cache"/>; the assembly is then loaded from it like a warm run's.</summary>
    private static CompiledPolicies? CompileInChild(IReadOnlyList<string> paths, IReadOnlyList<SourceText> sources, string contentHash, DiskCompileCache cache) =>
        OutOfProcessCompiler.TryFillCache(paths, cache.Directory)
        && Compilation.TryLoadCached(sources, cache) is { Image: { } image, Manifest: { } manifest }
            ? new CompiledPolicies(image, manifest, contentHash)
            : null;

    /// <summary>
    /// <c>--no-cache</c>: the child compiles into a private temporary folder, removed right after loading, so the run
    /// neither reads nor writes the shared cache and still keeps Roslyn out of this process.
    /// </summary>
    private static CompiledPolicies? CompileInChildWithoutCache(IReadOnlyList<string> paths, IReadOnlyList<SourceText> sources, string contentHash)
    {
        DirectoryInfo scratch;
        try
        {
            scratch = Directory.CreateTempSubdirectory("policylang-compile-");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // No temporary folder: the caller compiles in process.
        }

        try
        {
            return CompileInChild(paths, sources, contentHash, new DiskCompileCache(scratch.FullName));
        }
        finally
        {
            try
            {
                scratch.Delete(recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover temporary folder is harmless; the run's result is not.
            }
        }
    }

    private static CompiledPolicies? CompileFresh(IReadOnlyList<SourceText> sources, ICompileCache? cache, TextWriter error)
    {
        var compilation = Compilation.Create(sources);
        var emitted = compilation.Emit(cache);
        if (!emitted.Success || emitted.Image is null || emitted.Manifest is null)
        {
            DiagnosticPrinter.Print(error, emitted.Diagnostics.Where(d => d.IsError), withContext: true);
            return null;
        }

        return new CompiledPolicies(emitted.Image, emitted.Manifest, compilation.ContentHash);
    }
}

/// <summary>An emitted policy assembly, its manifest and the hash of the sources and compiler it came from.</summary>
internal sealed record CompiledPolicies(byte[] Image, PolicyAssemblyManifest Manifest, string ContentHash);
