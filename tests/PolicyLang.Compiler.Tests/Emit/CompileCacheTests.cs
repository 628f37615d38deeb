// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>A second emit of the same sources (same compiler build) loads from the cache and skips Roslyn.</summary>
public sealed class CompileCacheTests
{
    private const string Policy = """
        package cached
        @severity(low)
        rule r on workload w {
          deny "x" when w.kind == "Pod"
        }
        """;

    [Fact]
    public void Same_sources_hit_the_cache_and_other_sources_miss()
    {
        var cache = new MemoryCache();
        var first = Compilation.Create([new SourceText("a.policy", Policy)]).Emit(cache);
        first.FromCache.ShouldBeFalse();
        cache.Stores.ShouldBe(1);

        var second = Compilation.Create([new SourceText("a.policy", Policy)]).Emit(cache);
        second.FromCache.ShouldBeTrue();
        second.Image.ShouldBe(first.Image);
        second.Manifest.ShouldNotBeNull().Policies.Single().Rules.Single().Name.ShouldBe("r");
        CompiledPolicySet.Load(second.Image ?? [], ParameterValues.None).Rules.Count.ShouldBe(1);

        var changed = Compilation.Create([new SourceText("a.policy", Policy.Replace("Pod", "Job", StringComparison.Ordinal))]).Emit(cache);
        changed.FromCache.ShouldBeFalse();
        cache.Stores.ShouldBe(2);

        var renamed = Compilation.Create([new SourceText("b.policy", Policy)]);
        renamed.ContentHash.ShouldNotBe(Compilation.Create([new SourceText("a.policy", Policy)]).ContentHash);
    }

    [Fact]
    public void Cached_assemblies_are_found_from_the_sources_without_parsing_them()
    {
        var cache = new MemoryCache();
        var sources = new[] { new SourceText("a.policy", Policy), new SourceText("b.policy", Policy.Replace("cached", "other", StringComparison.Ordinal)) };
        Compilation.TryLoadCached(sources, cache).ShouldBeNull();

        var emitted = Compilation.Create(sources).Emit(cache);
        Compilation.ContentHashOf(sources).ShouldBe(Compilation.Create(sources).ContentHash);
        Compilation.ContentHashOf(sources.Reverse()).ShouldBe(Compilation.ContentHashOf(sources));

        var hit = Compilation.TryLoadCached(sources, cache).ShouldNotBeNull();
        hit.FromCache.ShouldBeTrue();
        hit.Image.ShouldBe(emitted.Image);
        hit.Manifest.ShouldNotBeNull().Policies.Select(p => p.Name).ShouldBe(["cached", "other"], ignoreOrder: true);
        Compilation.TryLoadCached([sources[0]], cache).ShouldBeNull();
    }

    private sealed class MemoryCache : ICompileCache
    {
        private readonly Dictionary<string, byte[]> _images = [];

        public int Stores { get; private set; }

        public byte[]? TryLoad(string key) => _images.GetValueOrDefault(key);

        public void Store(string key, byte[] image)
        {
            Stores++;
            _images[key] = image;
        }
    }
}
