// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Adapters;

public sealed class DocumentErrorTests
{
    [Fact]
    public void Malformed_yaml_document_is_one_error_and_the_other_documents_are_read()
    {
        const string text =
            "apiVersion: v1\n" +
            "kind: ConfigMap\n" +
            "metadata: {name: a}\n" +
            "---\n" +
            "apiVersion: v1\n" +
            "kind: ConfigMap\n" +
            "  bad: indent\n" +
            "---\n" +
            "apiVersion: v1\n" +
            "kind: ConfigMap\n" +
            "metadata: {name: c}\n";

        var documents = ReadDocuments(text, "bad.yaml");

        documents.Count.ShouldBe(3);
        documents[0].Root.ShouldNotBeNull();
        var error = documents[1].Message.ShouldNotBeNull();
        error.Level.ShouldBe(InputMessageLevel.Error);
        (error.File, error.Document, error.Line).ShouldBe(("bad.yaml", (int?)1, 7));
        error.Column.ShouldBeGreaterThan(0);
        error.Text.ShouldStartWith("invalid YAML: ");
        error.ToString().ShouldStartWith("bad.yaml:7:");
        error.ToString().ShouldContain("(document 1)");
        documents[2].Source.Document.ShouldBe(2);
        Scalar(Map(Map(documents[2].Root)["metadata"])["name"]).Text.ShouldBe("c");
    }

    [Fact]
    public void Unclosed_flow_collection_does_not_swallow_the_next_documents()
    {
        var documents = ReadDocuments("a: [1, 2\n---\nb: 2\n", "open.yaml");

        documents.Count.ShouldBe(2);
        documents[0].IsError.ShouldBeTrue();
        KeyAt(Map(documents[1].Root), "b").ShouldBe((3, 1));
    }

    [Fact]
    public void Malformed_json_line_is_one_error_and_the_next_lines_are_read()
    {
        var documents = ReadDocuments("{\"a\": 1}\n{\"b\": \n{\"c\": 3}\n", "events.jsonl", DocumentFormat.JsonLines);

        documents.Count.ShouldBe(3);
        var error = documents[1].Message.ShouldNotBeNull();
        (error.File, error.Document, error.Line).ShouldBe(("events.jsonl", (int?)1, 2));
        error.Text.ShouldStartWith("invalid JSON: ");
        Map(documents[2].Root)["c"].ShouldNotBeNull();
        documents[2].Source.Line.ShouldBe(3);
    }

    [Theory]
    [InlineData("{\"a\": }", 1, 7)]
    [InlineData("{\"a\": 1,}", 1, 9)]
    [InlineData("{a: 1}", 1, 2)]
    [InlineData("{\"a\": [1, 2,]}", 1, 13)]
    [InlineData("{\"a\": 'x'}", 1, 7)]
    [InlineData("{\"é\": 1,\n  \"b\": ]}", 2, 8)]
    public void Json_that_is_only_valid_yaml_is_an_error_in_a_json_file_and_in_json_lines(string json, int line, int column)
    {
        foreach (var (file, text, firstLine) in new[] { ("bad.json", "\n" + json + "\n", 2), ("bad.jsonl", "{\"ok\": 1}\n" + json.Replace("\n", " ", StringComparison.Ordinal) + "\n{\"ok\": 2}\n", 2) })
        {
            var documents = ReadDocuments(text, file);
            var error = documents.Select(d => d.Message).OfType<InputMessage>().ShouldHaveSingleItem();
            error.Text.ShouldStartWith("invalid JSON: ");
            error.Line.ShouldBe(firstLine + (file.EndsWith(".jsonl", StringComparison.Ordinal) ? 0 : line - 1), file);
            if (!json.Contains('\n', StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal))
            {
                error.Column.ShouldBe(column, file);
            }

            documents.Count(d => d.Root is not null).ShouldBe(file.EndsWith(".jsonl", StringComparison.Ordinal) ? 2 : 0, "the other lines are still read");
        }
    }

    [Fact]
    public void Flow_yaml_in_a_yaml_file_is_still_yaml()
    {
        Map(Single("{a: 1, b: [2, 3,], c: }", "flow.yaml"))["c"].ShouldBeOfType<DocScalar>().Kind.ShouldBe(DocNodeKind.Null);
    }

    [Fact]
    public void Ten_thousand_levels_of_nesting_is_an_error_not_a_stack_overflow()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);

        var documents = ReadDocuments(deep + "\n---\nafter: 1\n", "deep.yaml");

        var error = documents[0].Message.ShouldNotBeNull();
        error.Text.ShouldContain("deeper than 256 levels");
        (error.Line, error.Column).ShouldBe((1, 257));
        Map(documents[1].Root)["after"].ShouldNotBeNull();
    }

    [Fact]
    public void Ten_thousand_levels_of_json_objects_is_an_error()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000);

        var documents = ReadDocuments(deep + "\n{\"ok\": true}\n", "deep.jsonl");

        documents[0].Message.ShouldNotBeNull().Text.ShouldContain("deeper than 256 levels");
        Map(documents[1].Root)["ok"].ShouldNotBeNull();
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read_and_converts_to_json_without_recursion()
    {
        var text = new string('[', 256) + new string(']', 256);

        var root = Single(text);

        DocJson.ToJsonNode(root).ShouldNotBeNull();
    }

    [Fact]
    public void Duplicate_key_names_the_first_occurrence()
    {
        const string text =
            "metadata:\n" +
            "  name: a\n" +
            "  labels: {}\n" +
            "  name: b\n";

        var error = ReadDocuments(text, "dup.yaml").Single().Message.ShouldNotBeNull();

        error.Text.ShouldBe("duplicate key 'name' (first at line 2)");
        (error.File, error.Line, error.Column).ShouldBe(("dup.yaml", 4, 3));
    }

    [Fact]
    public void Duplicate_key_in_json_is_an_error()
    {
        var error = ReadDocuments("{\"a\": 1, \"a\": 2}", "dup.json").Single().Message.ShouldNotBeNull();

        error.Text.ShouldBe("duplicate key 'a' (first at line 1)");
        error.Column.ShouldBe(10);
    }

    [Fact]
    public void Nul_bytes_mean_not_a_text_file()
    {
        var bytes = Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Pod\n").Concat(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00 }).ToArray();

        var documents = new DocumentReader().Read(new MemoryStream(bytes), "archive.yaml").ToList();

        var error = documents.Single().Message.ShouldNotBeNull();
        error.Text.ShouldStartWith("not a text file");
        (error.File, error.Line, error.Column).ShouldBe(("archive.yaml", 3, 5));
    }

    [Fact]
    public void Invalid_utf8_means_not_a_text_file()
    {
        var bytes = Encoding.UTF8.GetBytes("a: 1\nb: ").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\n")).ToArray();

        var documents = new DocumentReader().Read(new MemoryStream(bytes), "latin.yaml").ToList();

        var error = documents.Single().Message.ShouldNotBeNull();
        error.Text.ShouldStartWith("not a text file");
        (error.Line, error.Column).ShouldBe((2, 4));
    }

    [Fact]
    public void Binary_image_file_is_one_error()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52];

        var documents = new DocumentReader().Read(new MemoryStream(png), "logo.json").ToList();

        documents.Single().Message.ShouldNotBeNull().ToString().ShouldStartWith("logo.json:1:1: error: not a text file");
    }

    [Fact]
    public void Utf16_with_byte_order_mark_is_text()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a: é\n")).ToArray();

        var root = new DocumentReader().Read(new MemoryStream(bytes), "utf16.yaml").Single().Root;

        Scalar(Map(root)["a"]).Text.ShouldBe("é");
    }

    [Fact]
    public void Scalar_over_16_MiB_is_an_error_and_the_next_document_is_read()
    {
        var text = "a: 1\nhuge: " + new string('x', (16 * 1024 * 1024) + 1) + "\n---\nnext: 1\n";

        var documents = ReadDocuments(text, "huge.yaml");

        var error = documents[0].Message.ShouldNotBeNull();
        error.Text.ShouldContain("longer than the limit of 16777216");
        (error.Line, error.Column).ShouldBe((2, 7));
        Map(documents[1].Root)["next"].ShouldNotBeNull();
    }

    [Fact]
    public void Document_over_the_configured_size_is_an_error_and_reading_goes_on()
    {
        var options = new DocumentReaderOptions { MaxDocumentLength = 1000 };
        var big = string.Concat(Enumerable.Range(0, 100).Select(i => $"key{i}: value{i}\n"));

        var documents = ReadDocuments("small: 1\n---\n" + big + "---\nlast: 1\n", "big.yaml", options: options);

        documents.Count.ShouldBe(3);
        documents[0].Message.ShouldBeNull();
        var error = documents[1].Message.ShouldNotBeNull();
        error.Text.ShouldContain("more than the limit of 1000");
        (error.Document, error.Line).ShouldBe((1, 2));
        Map(documents[2].Root)["last"].ShouldNotBeNull();
        documents[2].Source.Document.ShouldBe(2);
    }

    [Fact]
    public void Single_line_over_the_size_limit_in_json_lines_is_an_error()
    {
        var options = new DocumentReaderOptions { MaxDocumentLength = 100 };
        var line = "{\"a\": \"" + new string('x', 500) + "\"}";

        var documents = ReadDocuments(line + "\n{\"b\": 1}\n", "e.jsonl", DocumentFormat.JsonLines, options);

        documents[0].Message.ShouldNotBeNull().Text.ShouldContain("more than the limit of 100");
        Map(documents[1].Root)["b"].ShouldNotBeNull();
    }

    [Fact]
    public void Alias_bomb_is_an_error()
    {
        var text = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))).Append("]\n");
        }

        var error = ReadDocuments(text.ToString(), "lol.yaml").Single().Message.ShouldNotBeNull();

        error.Text.ShouldContain("aliases expand to more than 1000000 nodes");
    }

    [Fact]
    public void Unknown_alias_is_an_error()
    {
        var error = ReadDocuments("a: *nope\n").Single().Message.ShouldNotBeNull();

        error.Text.ShouldContain("unknown alias '*nope'");
        (error.Line, error.Column).ShouldBe((1, 4));
    }

    [Fact]
    public void Alias_inside_its_own_anchor_is_an_error()
    {
        ReadDocuments("a: &x [1, *x]\n").Single().Message.ShouldNotBeNull().Text.ShouldContain("inside the node it refers to");
    }

    [Fact]
    public void Map_as_a_key_is_an_error()
    {
        var error = ReadDocuments("? [a, b]\n: c\n").Single().Message.ShouldNotBeNull();

        error.Text.ShouldContain("a map key must be a scalar");
    }

    [Fact]
    public void Parser_failures_that_are_not_yaml_exceptions_are_errors_too()
    {
        // YamlDotNet throws ArgumentException for a tag that is not a URI.
        var documents = ReadDocuments("!!str]\n---\nnext: 1\n", "tag.yaml");

        documents[0].Message.ShouldNotBeNull().Text.ShouldStartWith("invalid YAML: ");
        Map(documents[1].Root)["next"].ShouldNotBeNull();
    }

    [Fact]
    public void Empty_input_has_no_documents()
    {
        ReadDocuments(string.Empty).ShouldBeEmpty();
        ReadDocuments("# only comments\n\n").ShouldBeEmpty();
        ReadDocuments("---\n---\n").ShouldBeEmpty();
    }
}
