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

    [Fact]
    public void Deferred_trees_are_the_trees_read_whole()
    {
        var random = new Random(7);
        for (var i = 0; i < 3000; i++)
        {
            var body = Body(random);
            Outcome(() => JsonBodyReader.Read(body)).ShouldBe(Outcome(() => JsonBodyReader.ReadTree(body)), Encoding.UTF8.GetString(body));
        }
    }

    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, (byte)'"', (byte)'}' })]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' })]
    public void Bodies_that_are_not_clean_utf8_are_read_as_before(byte[] body) =>
        Outcome(() => JsonBodyReader.Read(body)).ShouldBe(Outcome(() => JsonBodyReader.ReadTree(body)));

    private static string Outcome(Func<DocNode> read)
    {
        try
        {
            return Describe(read());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return e.GetType().Name + ": " + e.Message;
        }
    }

    /// <summary>A JSON body: objects, arrays and scalars of every kind, non-ASCII and escapes, line breaks; sometimes broken or with a duplicate key.</summary>
    private static byte[] Body(Random random)
    {
        var text = new StringBuilder();
        Value(text, random, 0);
        var json = text.ToString();
        json = random.Next(10) switch
        {
            0 => json[..random.Next(1, json.Length + 1)],
            1 => json.Replace("\"k1\":", "\"k1\":1,\"k1\":", StringComparison.Ordinal),
            2 => json + " ",
            3 => json + "x",
            _ => json,
        };
        return Encoding.UTF8.GetBytes(json);
    }

    private static void Value(StringBuilder text, Random random, int depth)
    {
        switch (depth > 5 ? random.Next(4, 12) : random.Next(12))
        {
            case 0 or 1 or 2:
                text.Append(random.Next(3) == 0 ? "{\n" : "{");
                var keys = random.Next(0, 20);
                for (var k = 0; k < keys; k++)
                {
                    text.Append(k == 0 ? string.Empty : random.Next(4) == 0 ? ",\r\n  " : ",");
                    text.Append(random.Next(15) == 0 ? "\"ké" : "\"k").Append(k).Append("\":");
                    Value(text, random, depth + 1);
                }

                text.Append('}');
                break;
            case 3:
                text.Append('[');
                var items = random.Next(0, 5);
                for (var n = 0; n < items; n++)
                {
                    text.Append(n == 0 ? string.Empty : ", ");
                    Value(text, random, depth + 1);
                }

                text.Append(']');
                break;
            case 4:
                text.Append(random.Next(-100000, 100000));
                break;
            case 5:
                text.Append(random.Next(5) switch { 0 => "1.5", 1 => "-0", 2 => "1e3", 3 => "99999999999999999999", _ => "2.50E-3" });
                break;
            case 6:
                text.Append(random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" });
                break;
            case 7:
                text.Append("\"ünï ✓ \\u00e9\\n\\\"q\\\"\"");
                break;
            default:
                text.Append("\"v").Append(random.Next(100)).Append('"');
                break;
        }
    }
}
