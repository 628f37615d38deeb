// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using BenchmarkDotNet.Attributes;
using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Benchmarks.Support;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Benchmarks.Suites;

/// <summary>
/// Benchmark 4: compiling. A cold compile of the whole standard library (parse, bind, generate C#, Roslyn emit; no
/// compile cache — the process itself is warm, see the CLI benchmark for a fresh process), loading it from the compile
/// cache (what a second CLI run or a host restart does: read the sources, hash them, load the cached assembly, create
/// the delegates), and checking one 500-line policy file (diagnostics only, as the language server does on an edit;
/// and with the emit that <c>policylang check</c> adds).
/// </summary>
[MemoryDiagnoser]
[WarmupCount(2)]
[IterationCount(10)]
[InvocationCount(1, unrollFactor: 1)]
public class CompilationBenchmarks
{
    private static readonly ParameterValues NoParameters = new(new Dictionary<string, object?>());

    private IReadOnlyList<SourceText> _stdlib = [];
    private SourceText? _file;
    private readonly MemoryCompileCache _cache = new();

    [GlobalSetup]
    public void Setup()
    {
        _stdlib = PolicyFixture.Sources(RepositoryPaths.Stdlib);
        _file = new SourceText("generated/team.policy", PolicyFileGenerator.Generate(500));
        var check = Compilation.Create([_file]);
        if (check.HasErrors)
        {
            throw new InvalidOperationException("the generated policy file has errors:\n" + string.Join('\n', check.GetDiagnostics().Where(d => d.IsError)));
        }

        var emitted = Compilation.Create(_stdlib).Emit(_cache);
        if (!emitted.Success || emitted.FromCache)
        {
            throw new InvalidOperationException("the standard library does not compile:\n" + string.Join('\n', emitted.Diagnostics));
        }
    }

    [Benchmark(Description = "stdlib: cold compile (no cache)")]
    public int ColdCompile()
    {
        var emitted = Compilation.Create(_stdlib).Emit();
        return emitted.Image?.Length ?? throw new InvalidOperationException("no image");
    }

    [Benchmark(Description = "stdlib: load from the compile cache")]
    public int CachedLoad()
    {
        var emitted = Compilation.Create(_stdlib).Emit(_cache);
        if (!emitted.FromCache || emitted.Image is null)
        {
            throw new InvalidOperationException("not served from the cache");
        }

        // Unloadable: the benchmark loads thousands of times; a resident load is made the same way, into a context that is kept.
        return CompiledPolicySet.Load(emitted.Image, NoParameters, PolicyCodeLifetime.Unloadable).Rules.Count;
    }

    [Benchmark(Description = "check one 500-line file (diagnostics)")]
    public int CheckFile() => Compilation.Create([_file ?? throw new InvalidOperationException("not set up")]).GetDiagnostics().Count;

    [Benchmark(Description = "check one 500-line file (diagnostics + emit)")]
    public int CheckAndEmitFile() => Compilation.Create([_file ?? throw new InvalidOperationException("not set up")]).Emit().Image?.Length ?? 0;

    /// <summary>An in-memory compile cache, so the figure is the load itself, not the disk.</summary>
    private sealed class MemoryCompileCache : ICompileCache
    {
        private readonly Dictionary<string, byte[]> _images = [];

        public byte[]? TryLoad(string key) => _images.GetValueOrDefault(key);

        public void Store(string key, byte[] image) => _images[key] = image;
    }
}
