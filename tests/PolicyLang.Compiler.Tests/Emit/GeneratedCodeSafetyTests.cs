// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using PolicyLang.Compiler.Emit;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>
/// No policy text can reach I/O, reflection, processes or the network: the emitted assembly references only the
/// allowed assemblies and types, whatever the policy's strings and names contain.
/// </summary>
public sealed class GeneratedCodeSafetyTests
{
    private const string Adversarial = """
        package System.IO.File

        param `System.Diagnostics.Process`: string = "\"); System.IO.File.Delete(\"/etc/passwd\"); //"
        const Environment = "*/ System.Environment.Exit(1); /*"
        func Activator(x: string): string = "{x}\"); System.Net.Http.HttpClient c; (\""

        /// A doc comment with C#: } System.IO.File.Delete("x"); {
        @id("\"; System.Reflection.Assembly.Load(\"x\"); //") @severity(high)
        rule `GC.Collect` on workload w {
          for c in w.allContainers
            deny "{Activator(c.name)} {`System.Diagnostics.Process`} {Environment} \\ \u0041 \{" at c.image
              when c.image == "#pragma warning disable\n#error x"
        }
        """;

    private static readonly Lazy<MetadataReference[]> Framework = new(() =>
        ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator)
            .Where(p => p.Length > 0)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray());

    [Fact]
    public void The_emitted_assembly_references_only_allowed_assemblies_and_types()
    {
        var compilation = Compilation.Create([new SourceText("adversarial.policy", Adversarial)]);
        var result = compilation.Emit();
        result.Success.ShouldBeTrue(string.Join("\n", result.Diagnostics));
        ReferencePolicy.Check(result.Image ?? []).ShouldBeEmpty();

        using var stream = new MemoryStream(result.Image ?? []);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var reader = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        var assemblies = reader.AssemblyReferences.Select(h => reader.GetString(reader.GetAssemblyReference(h).Name)).ToArray();
        assemblies.ShouldAllBe(name => name == "System.Runtime" || name == "System.Private.CoreLib" || name == "System.Collections" || name == "PolicyLang.Runtime" || name == "KubernetesClient");
        var members = reader.MemberReferences.Select(h => reader.GetString(reader.GetMemberReference(h).Name)).ToArray();
        members.ShouldNotContain("Delete");
        members.ShouldNotContain("Exit");
        members.ShouldNotContain("Load");
        members.ShouldNotContain("Collect");
    }

    [Fact]
    public void Policy_text_appears_in_the_generated_source_only_as_string_literals_and_mangled_names()
    {
        var result = Compilation.Create([new SourceText("adversarial.policy", Adversarial)]).Emit();
        var source = result.GeneratedSource ?? string.Empty;
        var tree = CSharpSyntaxTree.ParseText(source);
        var identifiers = tree.GetRoot().DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).ToHashSet();
        identifiers.ShouldNotContain("Delete");
        identifiers.ShouldNotContain("Exit");
        identifiers.ShouldNotContain("HttpClient");
        identifiers.ShouldNotContain("Process");
        tree.GetRoot().DescendantTrivia().ShouldNotContain(t => t.IsKind(SyntaxKind.PragmaWarningDirectiveTrivia) && t.ToFullString().Contains("disable\\n", StringComparison.Ordinal));
        tree.GetDiagnostics().ShouldBeEmpty();
    }

    [Fact]
    public void The_reference_policy_rejects_an_assembly_that_reaches_for_the_file_system()
    {
        var problems = ReferencePolicy.Check(CompileCSharp("System.IO.File.Delete(\"x\"); System.Console.WriteLine(typeof(string).Assembly);"));
        problems.ShouldContain(p => p.Contains("System.IO.File"));
        problems.ShouldContain(p => p.Contains("System.Console"));
    }

    /// <summary>Each door a policy assembly could try, written as the C# an emitter bug or an injection would produce.</summary>
    [Theory]
    [InlineData("file system", "System.IO.File.ReadAllText(\"/etc/passwd\");", "System.IO.File")]
    [InlineData("directories", "System.IO.Directory.GetFiles(\"/\");", "System.IO.Directory")]
    [InlineData("streams", "new System.IO.FileStream(\"x\", System.IO.FileMode.Open).Dispose();", "System.IO.FileStream")]
    [InlineData("processes", "System.Diagnostics.Process.Start(\"sh\");", "System.Diagnostics.Process")]
    [InlineData("network", "new System.Net.Sockets.TcpClient(\"example.com\", 80).Dispose();", "System.Net.Sockets.TcpClient")]
    [InlineData("http", "new System.Net.Http.HttpClient().Dispose();", "System.Net.Http.HttpClient")]
    [InlineData("reflection: load", "System.Reflection.Assembly.Load(\"x\");", "System.Reflection.Assembly")]
    [InlineData("reflection: types", "System.Type.GetType(\"System.IO.File\");", "System.Type")]
    [InlineData("reflection: objects", "var t = \"x\".GetType();", "System.Type")]
    [InlineData("activation", "System.Activator.CreateInstance(typeof(object));", "System.Activator")]
    [InlineData("environment", "System.Environment.Exit(1);", "System.Environment")]
    [InlineData("app context", "System.AppContext.SetData(\"x\", 1);", "System.AppContext")]
    [InlineData("garbage collector", "System.GC.Collect();", "System.GC")]
    [InlineData("threads", "new System.Threading.Thread(() => { }).Start();", "System.Threading.Thread")]
    [InlineData("unsafe memory", "System.Runtime.InteropServices.Marshal.AllocHGlobal(8);", "System.Runtime.InteropServices.Marshal")]
    [InlineData("assembly loading", "System.Runtime.Loader.AssemblyLoadContext.Default.LoadFromAssemblyPath(\"/x.dll\");", "System.Runtime.Loader.AssemblyLoadContext")]
    [InlineData("the machine clock", "var now = System.DateTimeOffset.UtcNow;", "System.DateTimeOffset.get_UtcNow")]
    [InlineData("the runtime's loader", "PolicyLang.Runtime.Evaluation.CompiledPolicySet.Load(new byte[0], PolicyLang.Runtime.Evaluation.ParameterValues.None);", "PolicyLang.Runtime.Evaluation.CompiledPolicySet")]
    public void The_reference_policy_rejects_every_door(string door, string statement, string reported)
    {
        var problems = ReferencePolicy.Check(CompileCSharp(statement));
        problems.ShouldContain(p => p.Contains(reported, StringComparison.Ordinal), door);
    }

    [Fact]
    public void The_reference_policy_accepts_what_generated_code_is_made_of()
    {
        ReferencePolicy.Check(CompileCSharp("var m = System.Math.Max(1L, 2L); var s = string.Concat(\"a\", \"b\"); var d = new System.Collections.Generic.Dictionary<string, long?>(); var t = System.TimeSpan.FromHours(1);"))
            .ShouldBeEmpty();
    }

    /// <summary>A library whose one method runs the statement, compiled against the whole framework and the runtime.</summary>
    private static byte[] CompileCSharp(string statement)
    {
        var code = $"public static class Evil {{ public static void Run() {{ {statement} }} }}";
        var compilation = CSharpCompilation.Create("evil", [CSharpSyntaxTree.ParseText(code)], Framework.Value, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var emitted = compilation.Emit(stream);
        emitted.Success.ShouldBeTrue(string.Join("\n", emitted.Diagnostics));
        return stream.ToArray();
    }
}
