// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json;
using PolicyLang.Hosts.Admission.Admission;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>The fast JSON body reader makes the same documents as the general document reader.</summary>
public sealed class JsonBodyReaderTests
{
    private static string Describe(DocNode node) => node switch
    {
        DocMap map => "{" + string.Join(",", map.Entries.Select(e => $"{e.Key}@{e.KeyLine}:{e.KeyColumn}={Describe(e.Value)}")) + $"}}@{map.Line}:{map.Column}",
        DocList list => "[" + string.Join(",", list.Items.Select(Describe)) + $"]@{list.Line}:{list.Column}",
        DocScalar scalar => $"{scalar.Kind}:{scalar.Text}@{scalar.Line}:{scalar.Column}",
        _ => "?",
    };

    [Theory]
    [InlineData("""{"a": 1, "b": [true, null, 2.5, "x\"y"], "c": {"d": -3, "e": 1e3}}""")]
    [InlineData("{\n  \"apiVersion\": \"v1\",\n  \"items\": [\n    {\"name\": \"p\"},\n    {}\n  ]\n}\n")]
    public void Values_kinds_and_positions_match_the_document_reader(string json)
    {
        var fast = JsonBodyReader.Read(Encoding.UTF8.GetBytes(json));
        var general = new DocumentReader().ReadText(json, "x.json").Single().Root ?? throw new InvalidOperationException("no document");

        Describe(fast).ShouldBe(Describe(general));
    }

    [Theory]
    [InlineData("""{"a": 1, "a": 2}""", "the key 'a' appears twice")]
    [InlineData("""{"a": }""", "LineNumber: 0 | BytePositionInLine: 6")]
    [InlineData("""{"a": 1} {"b": 2}""", "after a single JSON value")]
    public void Invalid_bodies_say_why(string json, string message) =>
        Should.Throw<JsonException>(() => JsonBodyReader.Read(Encoding.UTF8.GetBytes(json))).Message.ShouldContain(message);
}
