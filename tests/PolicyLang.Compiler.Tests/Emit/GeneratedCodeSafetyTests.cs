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
        var code = "public static class Evil { public static void Run() { System.IO.File.Delete(\"x\"); System.Console.WriteLine(typeof(string).Assembly); } }";
        var references = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty).Split(Path.PathSeparator)
            .Where(p => Path.GetFileNameWithoutExtension(p) is "System.Runtime" or "System.Private.CoreLib" or "System.Console")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("evil", [CSharpSyntaxTree.ParseText(code)], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        compilation.Emit(stream).Success.ShouldBeTrue();
        var problems = ReferencePolicy.Check(stream.ToArray());
        problems.ShouldContain(p => p.Contains("System.IO.File"));
        problems.ShouldContain(p => p.Contains("System.Console"));
    }
}
