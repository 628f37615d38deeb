// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Adapters;

public sealed class DocumentPositionTests
{
    private const string BlockYaml =
        "apiVersion: v1\n" +
        "kind: Pod\n" +
        "metadata:\n" +
        "  name: web\n" +
        "spec:\n" +
        "  containers:\n" +
        "    - name: app\n" +
        "      image: nginx\n" +
        "      ports: [{containerPort: 80}, {containerPort: 443}]\n";

    [Fact]
    public void Block_style_nodes_and_keys_have_their_line_and_column()
    {
        var root = Map(Single(BlockYaml));

        At(root).ShouldBe((1, 1));
        KeyAt(root, "kind").ShouldBe((2, 1));
        var metadata = Map(root["metadata"]);
        KeyAt(metadata, "name").ShouldBe((4, 3));
        At(metadata["name"]!).ShouldBe((4, Column(BlockYaml, 4, "web")));

        var containers = List(Map(root["spec"])["containers"]);
        At(containers).ShouldBe((7, Column(BlockYaml, 7, "-")));
        var container = Map(containers[0]);
        At(container).ShouldBe((7, Column(BlockYaml, 7, "name")));
        KeyAt(container, "image").ShouldBe((8, 7));
        At(container["image"]!).ShouldBe((8, Column(BlockYaml, 8, "nginx")));
    }

    [Fact]
    public void Flow_style_nodes_and_keys_have_their_line_and_column()
    {
        var root = Map(Single(BlockYaml));
        var ports = List(Map(List(Map(root["spec"])["containers"])[0])["ports"]);

        At(ports).ShouldBe((9, Column(BlockYaml, 9, "[")));
        var second = Map(ports[1]);
        At(second).ShouldBe((9, Column(BlockYaml, 9, "{containerPort: 443") ));
        KeyAt(second, "containerPort").ShouldBe((9, Column(BlockYaml, 9, "containerPort: 443")));
        At(second["containerPort"]!).ShouldBe((9, Column(BlockYaml, 9, "443")));
    }

    [Fact]
    public void Json_pointer_locates_keys_in_the_file()
    {
        var root = Single(BlockYaml);

        JsonPointer.Locate(root, "/spec/containers/0/image", out var exact).ShouldBe((8, 7));
        exact.ShouldBeTrue();
    }

    [Fact]
    public void Multi_document_stream_gives_each_document_its_index_and_first_line()
    {
        const string text =
            "# leading comment\n" +
            "a: 1\n" +
            "---\n" +
            "b: 2\n" +
            "---\n" +
            "# only a comment: an empty document\n" +
            "---\n" +
            "\n" +
            "c: 3\n" +
            "...\n" +
            "# trailing comment after the end marker\n";

        var documents = ReadDocuments(text, "multi.yaml");

        documents.Select(d => (d.Source.Document, d.Source.Line)).ShouldBe([(0, 2), (1, 3), (3, 7)]);
        documents.ShouldAllBe(d => d.Source.File == "multi.yaml" && d.Message == null);
        KeyAt(Map(documents[2].Root), "c").ShouldBe((9, 1));
    }

    [Fact]
    public void Pretty_printed_json_file_is_one_document_with_true_positions()
    {
        const string json =
            "{\n" +
            "  \"apiVersion\": \"v1\",\n" +
            "  \"kind\": \"ConfigMap\",\n" +
            "  \"data\": {\"a\": \"1\", \"b\": 2}\n" +
            "}\n";

        var root = Map(Single(json, "cm.json"));

        At(root).ShouldBe((1, 1));
        KeyAt(root, "apiVersion").ShouldBe((2, 3));
        At(root["apiVersion"]!).ShouldBe((2, Column(json, 2, "\"v1\"")));
        var data = Map(root["data"]);
        KeyAt(data, "b").ShouldBe((4, Column(json, 4, "\"b\"")));
        Scalar(data["a"]).Kind.ShouldBe(DocNodeKind.String);
        Scalar(data["b"]).Kind.ShouldBe(DocNodeKind.Integer);
    }

    [Fact]
    public void Minified_json_with_tabs_and_escapes_reads_as_json()
    {
        const string json = "{\"a\":1,\t\"s\":\"caf\\u00e9 \\/ \\ud83d\\ude00\",\"n\":null,\"t\":true,\"f\":1.5e3}";

        var root = Map(Single(json, "min.json"));

        Scalar(root["s"]).Text.ShouldBe("café / 😀");
        Scalar(root["n"]).Kind.ShouldBe(DocNodeKind.Null);
        Scalar(root["t"]).Kind.ShouldBe(DocNodeKind.Boolean);
        Scalar(root["f"]).AsFloat().ShouldBe(1500);
        KeyAt(root, "s").ShouldBe((1, Column(json, 1, "\"s\"")));
    }

    [Fact]
    public void Json_lines_are_one_document_per_line_with_file_lines()
    {
        const string text = "{\"a\": 1}\n\n{\"b\": [1, 2]}\n[3]\n";

        var documents = ReadDocuments(text, "events.jsonl", DocumentFormat.JsonLines);

        documents.Select(d => (d.Source.Document, d.Source.Line)).ShouldBe([(0, 1), (1, 3), (2, 4)]);
        KeyAt(Map(documents[1].Root), "b").ShouldBe((3, 2));
        At(List(Map(documents[1].Root)["b"])[1]).ShouldBe((3, Column(text, 3, "2]")));
    }

    [Fact]
    public void Auto_format_detects_json_lines_from_the_first_line()
    {
        const string text = "{\"a\": 1}\n{\"b\": 2}\n";

        var documents = ReadDocuments(text, "-");

        documents.Count.ShouldBe(2);
        documents.ShouldAllBe(d => d.Message == null);
        documents[1].Source.Line.ShouldBe(2);
    }

    [Fact]
    public void Aliases_share_the_anchored_node()
    {
        const string text =
            "base: &res {cpu: 100m, memory: 64Mi}\n" +
            "one: *res\n" +
            "two: *res\n";

        var root = Map(Single(text));

        root["one"].ShouldBeSameAs(root["base"]);
        root["two"].ShouldBeSameAs(root["base"]);
        // A node starts at its properties (the anchor).
        At(root["one"]!).ShouldBe((1, Column(text, 1, "&res")));
    }

    [Fact]
    public void Merge_keys_merge_maps_and_written_keys_win()
    {
        const string text =
            "defaults: &d\n" +
            "  a: 1\n" +
            "  b: 2\n" +
            "x:\n" +
            "  <<: *d\n" +
            "  b: 3\n";

        var x = Map(Map(Single(text))["x"]);

        Scalar(x["a"]).Text.ShouldBe("1");
        Scalar(x["b"]).Text.ShouldBe("3");
        KeyAt(x, "a").ShouldBe((2, 3));
        x["<<"].ShouldBeNull();
    }

    [Fact]
    public void Comments_are_ignored()
    {
        var root = Map(Single("# c\na: 1 # x\nb: [1, # y\n  2]\n"));

        root.Count.ShouldBe(2);
        List(root["b"]).Count.ShouldBe(2);
    }

    [Fact]
    public void Helm_source_comment_attributes_each_document_to_its_template()
    {
        const string text =
            "---\n" +
            "# Source: mychart/templates/deployment.yaml\n" +
            "apiVersion: apps/v1\n" +
            "kind: Deployment\n" +
            "---\n" +
            "# Source: mychart/templates/service.yaml\n" +
            "apiVersion: v1\n" +
            "kind: Service\n" +
            "---\n" +
            "apiVersion: v1\n" +
            "kind: ConfigMap\n";

        var documents = ReadDocuments(text, "-");

        documents.Select(d => d.Source.AttributedFile).ShouldBe(["mychart/templates/deployment.yaml", "mychart/templates/service.yaml", null]);
        documents.ShouldAllBe(d => d.Source.File == "-");
    }

    [Theory]
    [InlineData("v: null", DocNodeKind.Null)]
    [InlineData("v: ~", DocNodeKind.Null)]
    [InlineData("v:", DocNodeKind.Null)]
    [InlineData("v: true", DocNodeKind.Boolean)]
    [InlineData("v: FALSE", DocNodeKind.Boolean)]
    [InlineData("v: yes", DocNodeKind.String)]
    [InlineData("v: 12", DocNodeKind.Integer)]
    [InlineData("v: -3", DocNodeKind.Integer)]
    [InlineData("v: 0x1F", DocNodeKind.Integer)]
    [InlineData("v: 0o17", DocNodeKind.Integer)]
    [InlineData("v: 0b101", DocNodeKind.String)]
    [InlineData("v: 1_000", DocNodeKind.String)]
    [InlineData("v: 1.5", DocNodeKind.Float)]
    [InlineData("v: 1e3", DocNodeKind.Float)]
    [InlineData("v: .5", DocNodeKind.Float)]
    [InlineData("v: .inf", DocNodeKind.Float)]
    [InlineData("v: -.Inf", DocNodeKind.Float)]
    [InlineData("v: .NaN", DocNodeKind.Float)]
    [InlineData("v: 1.2.3", DocNodeKind.String)]
    [InlineData("v: '12'", DocNodeKind.String)]
    [InlineData("v: \"true\"", DocNodeKind.String)]
    [InlineData("v: !!str 12", DocNodeKind.String)]
    [InlineData("v: ! 12", DocNodeKind.String)]
    [InlineData("v: !!float 1", DocNodeKind.Float)]
    [InlineData("v: |\n  12", DocNodeKind.String)]
    public void Plain_scalars_are_typed_by_the_core_schema(string text, DocNodeKind kind)
    {
        Scalar(Map(Single(text))["v"]).Kind.ShouldBe(kind);
    }

    [Fact]
    public void Hex_and_octal_integers_have_their_values()
    {
        var root = Map(Single("h: 0x1F\no: 0o17\nn: -42\n"));

        Scalar(root["h"]).AsInteger().ShouldBe(31);
        Scalar(root["o"]).AsInteger().ShouldBe(15);
        Scalar(root["n"]).AsInteger().ShouldBe(-42);
    }

    [Fact]
    public void Crlf_line_endings_keep_lines_true()
    {
        var root = Map(Single("a: 1\r\nb:\r\n  c: 2\r\n"));

        KeyAt(Map(root["b"]), "c").ShouldBe((3, 3));
    }
}
