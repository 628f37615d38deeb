// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Parsing;

/// <summary>A binary file given as a policy (an archive, an image) is one clear error, not one error per byte.</summary>
public sealed class BinarySourceTests
{
    [Fact]
    public void A_file_with_a_nul_character_is_one_error_at_that_character()
    {
        var bytes = new byte[4096];
        new Random(3).NextBytes(bytes);
        bytes.AsSpan().Replace((byte)0, (byte)'x');
        bytes[2050] = 0;
        var text = new string(bytes.Select(b => (char)b).ToArray());
        var tree = PolicyParser.Parse(new SourceText("garbage.policy", text));

        var diagnostic = tree.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Descriptor.Code.ShouldBe("PL0012");
        diagnostic.Span.Start.ShouldBe(2050);
        diagnostic.ToString().ShouldStartWith("garbage.policy:");
        tree.Root.Declarations.ShouldBeEmpty();
    }

    [Fact]
    public void Text_without_nul_characters_is_parsed_as_usual()
    {
        var tree = PolicyParser.Parse(new SourceText("ok.policy", "package ok\nconst name = \"caf\u00e9 \ufffd\"\n"));
        tree.Diagnostics.ShouldBeEmpty();
        tree.Root.Declarations.Count.ShouldBe(1);
    }
}
