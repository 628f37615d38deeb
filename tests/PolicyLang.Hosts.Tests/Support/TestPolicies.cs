// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Format;
using PolicyLang.Bundles.Signing;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>Compiles test policy directories once per run and builds bundles from them.</summary>
internal static class TestPolicies
{
    private static readonly ConcurrentDictionary<string, Lazy<(byte[] Image, PolicyAssemblyManifest Manifest)>> Compiled = new(StringComparer.Ordinal);

    public static string Standard => TestPaths.TestData("policies");

    public static string Slow => TestPaths.TestData("slow");

    /// <summary>The emitted assembly of the .policy files in the directories (compiled once per set of directories).</summary>
    public static (byte[] Image, PolicyAssemblyManifest Manifest) Compile(params string[] directories) =>
        Compiled.GetOrAdd(string.Join("|", directories), _ => new Lazy<(byte[], PolicyAssemblyManifest)>(() => CompileNow(directories))).Value;

    /// <summary>Compiles policy text given inline (each string is one file).</summary>
    public static (byte[] Image, PolicyAssemblyManifest Manifest) CompileText(params string[] files) =>
        Compiled.GetOrAdd("text:" + string.Join("\u0000", files), _ => new Lazy<(byte[], PolicyAssemblyManifest)>(() =>
            Emit(files.Select((text, i) => new SourceText($"inline{i}.policy", text)).ToArray()))).Value;

    public static byte[] Bundle(string[] directories, PolicyBindings? bindings = null, SigningKey? key = null)
    {
        var (image, manifest) = Compile(directories);
        return BundleWriter.Write(image, manifest, bindings ?? PolicyBindings.None, key, DateTimeOffset.UtcNow);
    }

    public static byte[] Bundle(string directory, PolicyBindings? bindings = null, SigningKey? key = null) => Bundle([directory], bindings, key);

    private static (byte[] Image, PolicyAssemblyManifest Manifest) CompileNow(string[] directories)
    {
        var sources = directories
            .SelectMany(d => Directory.EnumerateFiles(d, "*.policy", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)
            .Select(f => new SourceText(Path.GetRelativePath(TestPaths.Root, f), File.ReadAllText(f)))
            .ToArray();
        return Emit(sources);
    }

    private static (byte[] Image, PolicyAssemblyManifest Manifest) Emit(SourceText[] sources)
    {
        var emitted = Compilation.Create(sources).Emit();
        if (emitted.Image is null || emitted.Manifest is null)
        {
            throw new InvalidOperationException("test policies do not compile: " + string.Join("; ", emitted.Diagnostics.Where(d => d.IsError)));
        }

        return (emitted.Image, emitted.Manifest);
    }
}
