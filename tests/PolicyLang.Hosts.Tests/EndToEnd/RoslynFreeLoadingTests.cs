// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using System.Text;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.EndToEnd;

/// <summary>
/// Hosts load bundles without Roslyn: a host serving a bundle never maps the compiler's assemblies into its process
/// (read from /proc/PID/maps); one compiling sources has a child `policylang check` compile them, and maps Roslyn
/// only when told to compile in process; the host libraries do not reference the compiler.
/// </summary>
public sealed class RoslynFreeLoadingTests
{
    private static readonly string[] CompilerAssemblies = ["Microsoft.CodeAnalysis.dll", "Microsoft.CodeAnalysis.CSharp.dll", "PolicyLang.Compiler.dll", "Antlr4.Runtime.Standard.dll"];

    private static async Task<IReadOnlySet<string>> ServeAndMapAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var host = ServeProcess.Start(arguments, environment);
        await host.WaitReadyAsync();
        using var content = new StringContent(Reviews.Review("CREATE", Reviews.PrivilegedPod()), Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync(new Uri("/validate", UriKind.Relative), content);
        (await response.Content.ReadAsStringAsync()).ShouldContain("[HT-001]");
        return host.MappedFiles();
    }

    [Fact]
    public async Task A_host_serving_a_bundle_never_loads_the_compiler()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var bundle = Path.Combine(directory, "policies.bundle");
        await File.WriteAllBytesAsync(bundle, TestPolicies.Bundle(TestPolicies.Standard));

        var mapped = await ServeAndMapAsync(["--bundle", bundle]);

        // The control: managed assemblies do show up in the maps.
        mapped.ShouldContain("PolicyLang.Bundles.dll");
        mapped.ShouldContain("PolicyLang.Runtime.dll");
        mapped.ShouldContain("PolicyLang.Hosts.Admission.dll");
        mapped.Intersect(CompilerAssemblies).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_host_compiling_sources_compiles_them_in_a_child_process_and_never_maps_roslyn()
    {
        // A fresh compile cache, so the sources are really compiled (by the child `policylang check`, into it).
        var cache = TestPaths.NewTemporaryDirectory();

        var mapped = await ServeAndMapAsync(["-p", TestPolicies.Standard], new Dictionary<string, string> { ["POLICYLANG_CACHE_DIR"] = cache });

        Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories).ShouldNotBeEmpty();
        mapped.ShouldContain("PolicyLang.Runtime.dll");
        mapped.ShouldNotContain("Microsoft.CodeAnalysis.dll");
        mapped.ShouldNotContain("Microsoft.CodeAnalysis.CSharp.dll");
    }

    [Fact]
    public async Task A_host_compiling_sources_in_its_own_process_does_map_roslyn()
    {
        // The control for the tests above: the maps do show Roslyn when the host compiles in process.
        var cache = TestPaths.NewTemporaryDirectory();

        var mapped = await ServeAndMapAsync(["-p", TestPolicies.Standard], new Dictionary<string, string> { ["POLICYLANG_CACHE_DIR"] = cache, ["POLICYLANG_COMPILE_IN_PROCESS"] = "1" });

        mapped.ShouldContain("Microsoft.CodeAnalysis.dll");
        mapped.ShouldContain("PolicyLang.Compiler.dll");
    }

    [Theory]
    [InlineData("PolicyLang.Bundles")]
    [InlineData("PolicyLang.Hosts.Admission")]
    public void The_host_libraries_do_not_reference_the_compiler(string assembly)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([new AssemblyName(assembly)]);
        while (pending.TryPop(out var name))
        {
            if (name.Name is not { } simple || !seen.Add(simple) || !(simple.StartsWith("PolicyLang.", StringComparison.Ordinal) || simple.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                pending.Push(reference);
            }
        }

        seen.ShouldContain("PolicyLang.Runtime");
        seen.ShouldNotContain("PolicyLang.Compiler");
        seen.Where(s => s.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
