// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Adapters;

/// <summary>
/// Documents that are one JSON value are read by a JSON reader instead of the YAML parser; the trees, scalar types,
/// positions and messages must be exactly those the YAML parser gives.
/// </summary>
public sealed class JsonFastPathTests
{
    private static readonly DocumentReader Fast = new();
    private static readonly DocumentReader Yaml = new(new DocumentReaderOptions { ReadJsonDirectly = false });

    public static TheoryData<string, string> Inputs() => new()
    {
        { "events.jsonl", """
            {"type":"execve","time":"2026-11-20T10:00:01Z","proc":{"name":"bash","pid":4242,"uid":0,"tty":true,"args":["-c","id"]},"ret":-1,"ratio":0.25,"big":1e3,"none":null}
            {"type":"open","file":{"path":"/etc/shadow","flags":["O_RDONLY"]},"empty":{},"list":[],"nested":[[1,2],[{"a":"b"}]]}

            {"unicode":"héllo wörld ✓","after":"x","escaped":"a\"b\\c\u00e9","key with space":1}
            [1,"two",false]
            """ },
        { "pod.json", """
            {
              "apiVersion": "v1",
              "kind": "Pod",
              "metadata": {"name": "ünïcode", "labels": {"app": "web"}},
              "spec": {
                "containers": [
                  {"name": "a", "image": "nginx", "ports": [{"containerPort": 80}], "securityContext": {"privileged": true, "runAsUser": -0}}
                ]
              }
            }
            """ },
        { "mixed.yaml", """
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "json-in-yaml"}}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: flow, labels: {a: b}}
            ---
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "dup", "name": "again"}}
            ---
            {"a": 1, "b": [true, null, 1.5e-3, "0x1F", 0, -12]}
            """ },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void The_json_reader_builds_the_tree_the_yaml_parser_builds(string file, string text)
    {
        var fast = Fast.ReadText(text, file).ToArray();
        var yaml = Yaml.ReadText(text, file).ToArray();
        fast.Length.ShouldBe(yaml.Length);
        for (var i = 0; i < fast.Length; i++)
        {
            fast[i].Source.ShouldBe(yaml[i].Source);
            fast[i].Message.ShouldBe(yaml[i].Message);
            DescribeTree(fast[i].Root).ShouldBe(DescribeTree(yaml[i].Root), $"document {i} of {file}");
        }
    }

    [Fact]
    public void Duplicate_keys_are_still_reported_with_the_yaml_message()
    {
        var result = Fast.ReadText("""{"a": 1, "a": 2}""", "dup.json").Single();
        result.Message.ShouldNotBeNull().Text.ShouldContain("duplicate key 'a'");
    }
}
