// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Tests.Adapters;

public sealed class InputReaderTests : IDisposable
{
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: NAME}\n";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "policylang-inputs-" + Path.GetRandomFileName());

    public InputReaderTests()
    {
        Directory.CreateDirectory(_root);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Directory_is_read_recursively_in_sorted_order_with_paths_as_given()
    {
        Write("b.yaml", ConfigMap.Replace("NAME", "b", StringComparison.Ordinal));
        Write("a.json", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"a\"}}");
        Write("sub/c.yml", ConfigMap.Replace("NAME", "c", StringComparison.Ordinal));
        Write("sub/d.jsonl", "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"d1\"}}\n{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"d2\"}}\n");
        Write("sub/notes.txt", ConfigMap.Replace("NAME", "ignored", StringComparison.Ordinal));
        Write(".git/config.yaml", ConfigMap.Replace("NAME", "hidden", StringComparison.Ordinal));

        var items = new InputReader().Read(_root).ToList();

        items.Select(i => i.Manifest?.Name).ShouldBe(["a", "b", "c", "d1", "d2"]);
        items.Select(i => i.Source!.File).ShouldBe([
            Path.Join(_root, "a.json"), Path.Join(_root, "b.yaml"), Path.Join(_root, "sub", "c.yml"),
            Path.Join(_root, "sub", "d.jsonl"), Path.Join(_root, "sub", "d.jsonl"),
        ]);
        items[4].Source!.Line.ShouldBe(2);
    }

    [Fact]
    public void Several_paths_are_read_in_the_order_given()
    {
        Write("x.yaml", ConfigMap.Replace("NAME", "x", StringComparison.Ordinal));
        Write("y.yaml", ConfigMap.Replace("NAME", "y", StringComparison.Ordinal));

        var items = new InputReader().Read([Path.Join(_root, "y.yaml"), Path.Join(_root, "x.yaml")]).ToList();

        items.Select(i => i.Manifest?.Name).ShouldBe(["y", "x"]);
    }

    [Fact]
    public void Missing_file_is_an_error_naming_the_path_as_given()
    {
        var item = new InputReader().Read("does/not/exist.yaml").Single();

        var message = item.Message.ShouldNotBeNull();
        message.Level.ShouldBe(InputMessageLevel.Error);
        message.ToString().ShouldBe("does/not/exist.yaml: error: no such file or directory");
        message.Location.ShouldBeNull();
        item.Source.ShouldBeNull();
    }

    [Fact]
    public void A_missing_path_does_not_stop_the_others()
    {
        Write("ok.yaml", ConfigMap.Replace("NAME", "ok", StringComparison.Ordinal));

        var items = new InputReader().Read(["missing.yaml", Path.Join(_root, "ok.yaml")]).ToList();

        items.Select(i => i.Kind).ShouldBe([InputItemKind.Message, InputItemKind.Manifest]);
    }

    [Fact]
    public void Empty_directory_is_a_notice()
    {
        Directory.CreateDirectory(Path.Join(_root, "empty"));

        var message = new InputReader().Read(Path.Join(_root, "empty")).Single().Message.ShouldNotBeNull();

        message.Level.ShouldBe(InputMessageLevel.Notice);
        message.Text.ShouldContain("no .yaml, .yml, .json or .jsonl files");
    }

    [Fact]
    public void Stdin_is_read_for_dash_and_named_dash()
    {
        var options = new InputReaderOptions { OpenStdin = () => new MemoryStream(Encoding.UTF8.GetBytes("---\n# Source: app/templates/cm.yaml\n" + ConfigMap.Replace("NAME", "in", StringComparison.Ordinal))) };

        var manifest = new InputReader(options).Read("-").Single().Manifest.ShouldNotBeNull();

        manifest.Name.ShouldBe("in");
        // The template's first line is the third line of the stream, after "---" and the Source comment.
        manifest.Source.ShouldBe(new SourceDocument("-", 0, 1, "app/templates/cm.yaml", AttributedLineOffset: 2));
    }

    [Fact]
    public void Stdin_without_a_provider_is_an_error()
    {
        new InputReader().Read("-").Single().Message.ShouldNotBeNull().Text.ShouldContain("standard input is not available");
    }

    [Fact]
    public void Jsonl_extension_reads_each_line_even_when_the_first_is_broken()
    {
        Write("e.jsonl", "{\"broken\": \n{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"n\"}}\n");

        var items = new InputReader().Read(Path.Join(_root, "e.jsonl")).ToList();

        items[0].IsError.ShouldBeTrue();
        items[1].Manifest.ShouldNotBeNull().Source.Line.ShouldBe(2);
    }

    [Fact]
    public void Forced_event_subject_reads_json_lines_from_stdin()
    {
        var options = new InputReaderOptions
        {
            Subject = SubjectKind.Event,
            OpenStdin = () => new MemoryStream(Encoding.UTF8.GetBytes("{\"type\": \"execve\", \"proc\": {\"exe\": \"/bin/sh\"}}\n{\"type\": \"open\", \"file\": {\"path\": \"/etc/shadow\"}}\n")),
        };

        var events = new InputReader(options).Read("-").Select(i => i.Event.ShouldNotBeNull()).ToList();

        events.Select(e => e.Type).ShouldBe(["execve", "open"]);
        events[1].SourceDocument.ShouldBe(new SourceDocument("-", 1, 2));
    }

    [Fact]
    public void Documents_can_be_read_without_subject_detection()
    {
        Write("values.yaml", "replicaCount: 3\n");

        var document = new InputReader().ReadDocuments([Path.Join(_root, "values.yaml"), "missing.json"]).ToList();

        document[0].Root.ShouldNotBeNull();
        document[1].IsError.ShouldBeTrue();
    }

    private void Write(string relative, string content)
    {
        var path = Path.Join(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
