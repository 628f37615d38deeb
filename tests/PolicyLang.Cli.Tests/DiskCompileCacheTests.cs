// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Loading;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// The on-disk compile cache: a second compile of the same sources (same compiler build) loads the assembly from disk
/// and skips Roslyn; an entry that was damaged or replaced with an assembly the reference policy forbids is a miss,
/// compiled again and overwritten; a cache that cannot be written costs only the compile.
/// </summary>
public sealed class DiskCompileCacheTests : IDisposable
{
    private const string Policy = """
        package cached
        @severity(low)
        rule r on workload w {
          deny "x" when w.kind == "Pod"
        }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "policylang-cache-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void A_second_compile_of_the_same_sources_loads_from_disk()
    {
        var cache = new DiskCompileCache(_directory);
        var first = Compile().Emit(cache);
        first.FromCache.ShouldBeFalse();
        var entry = Directory.GetFiles(_directory).ShouldHaveSingleItem();
        Path.GetFileName(entry).ShouldBe(Compile().ContentHash + ".dll");

        var second = Compile().Emit(new DiskCompileCache(_directory));
        second.FromCache.ShouldBeTrue();
        second.GeneratedSource.ShouldBeNull("Roslyn did not run");
        second.Image.ShouldBe(first.Image);
        CompiledPolicySet.Load(second.Image ?? [], ParameterValues.None).Rules.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_damaged_entry_is_compiled_again_and_replaced()
    {
        var cache = new DiskCompileCache(_directory);
        var good = Compile().Emit(cache).Image ?? [];
        var entry = Directory.GetFiles(_directory).Single();
        File.WriteAllBytes(entry, good[..(good.Length / 2)]);

        var result = Compile().Emit(cache);
        result.FromCache.ShouldBeFalse();
        result.Success.ShouldBeTrue();
        File.ReadAllBytes(entry).ShouldBe(good);
    }

    [Fact]
    public void An_entry_replaced_by_an_assembly_the_reference_policy_forbids_is_never_loaded()
    {
        var cache = new DiskCompileCache(_directory);
        var good = Compile().Emit(cache).Image ?? [];
        var entry = Directory.GetFiles(_directory).Single();

        // Another policy assembly, valid and with a manifest, but whose image was patched to reference System.IO.
        var evil = PatchedToReferenceTheFileSystem(good);
        Compiler.Emit.ReferencePolicy.Check(evil).ShouldNotBeEmpty();
        File.WriteAllBytes(entry, evil);

        var result = Compile().Emit(cache);
        result.FromCache.ShouldBeFalse();
        result.Image.ShouldBe(good);
    }

    [Fact]
    public void A_cache_that_cannot_be_written_only_costs_the_compile()
    {
        File.WriteAllText(Path.Combine(Path.GetTempPath(), "policylang-cache-tests-file"), "not a directory");
        var cache = new DiskCompileCache(Path.Combine(Path.GetTempPath(), "policylang-cache-tests-file", "sub"));
        Compile().Emit(cache).Success.ShouldBeTrue();
        Compile().Emit(cache).FromCache.ShouldBeFalse();
    }

    private static Compilation Compile() => Compilation.Create([new SourceText("cached.policy", Policy)]);

    /// <summary>The image with its reference to System.Private.CoreLib renamed to System.IO.FileSystem (padded to the same length).</summary>
    private static byte[] PatchedToReferenceTheFileSystem(byte[] image)
    {
        var copy = (byte[])image.Clone();
        var from = System.Text.Encoding.ASCII.GetBytes("System.Private.CoreLib\0");
        var to = System.Text.Encoding.ASCII.GetBytes("System.IO.FileSystem\0\0\0");
        var at = copy.AsSpan().IndexOf(from);
        at.ShouldBeGreaterThanOrEqualTo(0, "the image references System.Private.CoreLib");
        to.CopyTo(copy, at);
        return copy;
    }
}
