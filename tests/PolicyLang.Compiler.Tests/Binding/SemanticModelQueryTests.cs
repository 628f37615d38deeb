// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Tests.Binding;

/// <summary>The position queries editors use: scope at a position, receiver before a dot, field at a position, references.</summary>
public sealed class SemanticModelQueryTests
{
    private const string Library = """
        package lib.names

        func shout(s: string): string = upper(s)
        """;

    private const string Policy = """
        package app
        import lib.names as ln

        list shells = ["sh", "bash"]

        @severity(high)
        rule r on workload w {
          let prefix = "x"
          for c in w.allContainers
            deny "{ln.shout(c.name)} {prefix}" at c.securityContext.privileged when c.securityContext.privileged == true and c.name in shells
        }
        """;

    private static (Compilation Compilation, SyntaxTree Tree) Compile()
    {
        var compilation = Compilation.Create([new SourceText("lib.policy", Library), new SourceText("app.policy", Policy)]);
        return (compilation, compilation.SyntaxTrees.Single(t => t.Source.Path == "app.policy"));
    }

    private static int Offset(string marker, int delta = 0) => Policy.IndexOf(marker, StringComparison.Ordinal) + delta;

    [Fact]
    public void SymbolsInScope_lists_locals_declared_before_the_position_then_members_then_imports()
    {
        var (compilation, tree) = Compile();
        compilation.GetDiagnostics().Where(d => d.IsError).ShouldBeEmpty();
        var names = compilation.GetSemanticModel().SymbolsInScope(tree, Offset("shells\n")).Select(s => $"{s.KindName}:{s.Name}").ToArray();
        names.ShouldBe(["loop variable:c", "variable:prefix", "subject:w", "rule:r", "list:shells", "import:ln"], ignoreOrder: false);
    }

    [Fact]
    public void ReceiverAt_gives_the_type_before_the_dot_or_the_imported_package()
    {
        var (compilation, tree) = Compile();
        var model = compilation.GetSemanticModel();
        var field = model.ReceiverAt(tree, Offset("privileged when"));
        field.ShouldNotBeNull();
        field.Type.ShouldBeOfType<ObjectType>().Name.ShouldBe("SecurityContext");
        field.Member.Name.ShouldBe("privileged");

        var call = model.ReceiverAt(tree, Offset("shout(", 2));
        call.ShouldNotBeNull();
        call.Package.ShouldNotBeNull().Name.ShouldBe("lib.names");
        call.Type.ShouldBeNull();
    }

    [Fact]
    public void FieldAt_names_the_schema_field_and_its_owner_with_docs()
    {
        var (compilation, tree) = Compile();
        var field = compilation.GetSemanticModel().FieldAt(tree, Offset("securityContext.privileged when", 3));
        field.ShouldNotBeNull();
        field.Owner.Name.ShouldBe("Container");
        field.Field.Name.ShouldBe("securityContext");
        field.Field.Documentation.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public void ReferencesTo_finds_the_definition_and_every_use()
    {
        var (compilation, tree) = Compile();
        var model = compilation.GetSemanticModel();
        var symbol = model.SymbolAt(tree, Offset("shells = ")).ShouldNotBeNull().Symbol;
        var references = model.ReferencesTo(symbol);
        references.Select(r => (r.IsDefinition, Policy.Substring(r.Span.Start, r.Span.Length))).ShouldBe([(true, "shells"), (false, "shells")]);
    }

    [Fact]
    public void NodesAt_descends_to_the_innermost_node_and_prefers_a_containing_child()
    {
        var (_, tree) = Compile();
        SemanticModel.NodeAt(tree, Offset("prefix}")).ShouldBeOfType<IdentifierSyntax>().Name.ShouldBe("prefix");
        SemanticModel.NodesAt(tree, Offset("c.name in", 1)).OfType<MemberAccessExpressionSyntax>().ShouldNotBeEmpty();
        SemanticModel.NodeAt(tree, -5).ShouldBeOfType<CompilationUnitSyntax>();
    }

    [Fact]
    public void LanguageFacts_read_the_lexer_and_binder_vocabularies()
    {
        LanguageFacts.Keywords.ShouldContain("rule");
        LanguageFacts.Keywords.ShouldContain("because");
        LanguageFacts.Severities.ShouldBe(["info", "low", "medium", "high", "critical"]);
        LanguageFacts.AdmissionOperations.ShouldContain("CREATE");
        LanguageFacts.Subjects.ShouldContain("workload");
    }
}
