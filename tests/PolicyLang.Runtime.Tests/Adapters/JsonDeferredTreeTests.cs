// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Adapters;

/// <summary>
/// JSON documents are checked whole and their trees built where they are read, and typed models bind from the JSON text
/// itself. Over thousands of generated manifests — clean, with wrong types at several depths, odd numbers, escapes,
/// non-ASCII, duplicate keys, a byte order mark, broken JSON, deep nesting — every item, message, tree (node kinds,
/// texts, positions) and bound model (or its error) must be exactly what the general path (the YAML parser, trees
/// written back to JSON to bind) gives.
/// </summary>
public sealed class JsonDeferredTreeTests
{
    private static readonly InputReaderOptions General = new() { Documents = new DocumentReaderOptions { ReadJsonDirectly = false } };

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6, 7, 8];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generated_manifests_read_and_bind_as_on_the_general_path(int seed)
    {
        var random = new Random(seed);
        var fast = new InputReader();
        var general = new InputReader(General);
        for (var i = 0; i < 400; i++)
        {
            var text = ManifestText(random);
            var file = random.Next(3) switch { 0 => "m.json", 1 => "m.yaml", _ => "-" };
            Outcome(fast.ReadText(text, file)).ShouldBe(Outcome(general.ReadText(text, file)), $"seed {seed}, document {i} ({file}): {text}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generated_admission_reviews_read_and_bind_as_on_the_general_path(int seed)
    {
        var random = new Random(seed + 100);
        var fast = new InputReader();
        var general = new InputReader(General);
        for (var i = 0; i < 150; i++)
        {
            var obj = ManifestText(random, wellFormed: true);
            var old = random.Next(3) == 0 ? ManifestText(random, wellFormed: true) : "null";
            var text = Fill("""{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"u-@0@","kind":{"group":"","version":"v1","kind":"Pod"},"resource":{"group":"","version":"v1","resource":"pods"},"operation":"CREATE","userInfo":{"username":"alice","groups":["a","b"],"extra":{"k":["v"]}},"object":@1@,"oldObject":@2@,"dryRun":false}}""", i, obj, old);
            Outcome(fast.ReadText(text, "review.json")).ShouldBe(Outcome(general.ReadText(text, "review.json")), $"seed {seed}, review {i}: {text}");
        }
    }

    [Theory]
    [InlineData("{\"a\": 1, \"a\": 2}")]
    [InlineData("{\"a\": 1, \"\\u0061\": 2}")]
    [InlineData("{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,\"k15\":15,\"k16\":16,\"k3\":3}")]
    [InlineData("{\"spec\": {\"x\": [{\"b\": 1, \"b\": 1}]}}")]
    public void Duplicate_keys_keep_the_general_message(string text)
    {
        var fast = new DocumentReader().ReadText(text, "dup.json").Single();
        var general = new DocumentReader(General.Documents).ReadText(text, "dup.json").Single();
        fast.Message.ShouldNotBeNull().Text.ShouldContain("duplicate key");
        fast.Message.ShouldBe(general.Message);
    }

    [Theory]
    [InlineData(40, 7, false)]
    [InlineData(40, 39, true)]
    [InlineData(40, -1, false)]
    [InlineData(3, 1, true)]
    public void Duplicates_are_found_in_small_and_large_objects(int keys, int repeated, bool escaped)
    {
        var entries = Enumerable.Range(0, keys).Select(k => $"\"key{k}\": {k}").ToList();
        if (repeated >= 0)
        {
            entries.Add(escaped ? $"\"\\u006bey{repeated}\": 0" : $"\"key{repeated}\": 0");
        }

        var text = "{" + string.Join(", ", entries) + "}";
        var fast = new DocumentReader().ReadText(text, "dup.json").Single();
        var general = new DocumentReader(General.Documents).ReadText(text, "dup.json").Single();
        fast.Message.ShouldBe(general.Message);
        (fast.Message is not null).ShouldBe(repeated >= 0);
        Outcome(new InputReader().ReadText(text, "dup.json")).ShouldBe(Outcome(new InputReader(General).ReadText(text, "dup.json")));
    }

    [Theory]
    [InlineData("{\"a\": \"\\ud800\"}")]
    [InlineData("{\"a\": 1,}")]
    [InlineData("{\"a\": 1} x")]
    [InlineData("{\"a\": /* c */ 1}")]
    [InlineData("{\"a\": [1, 2}")]
    [InlineData("\uFEFF{\"a\": 1}")]
    [InlineData("{\"a\": \"\uFFFF\"}")]
    [InlineData("{\"a\": \"x\0\"}")]
    [InlineData("{\"a\": 1}\n{\"b\": 2}")]
    [InlineData("{\"a\": 1}\n  \n\t\r\n")]
    [InlineData("  [1, 2.50, -0, 1e3, 99999999999999999999, true, null]")]
    public void Edge_cases_read_as_on_the_general_path(string text)
    {
        foreach (var file in new[] { "e.json", "e.yaml", "e.jsonl", "-" })
        {
            Outcome(new InputReader().ReadText(text, file)).ShouldBe(Outcome(new InputReader(General).ReadText(text, file)), file);
        }
    }

    [Fact]
    public void Limits_are_kept()
    {
        var deep = new string('[', 300) + new string(']', 300);
        var longValue = "{\"a\": \"" + new string('x', 40) + "\"}";
        var options = new DocumentReaderOptions { MaxScalarLength = 30, MaxDocumentLength = 1000 };
        foreach (var text in new[] { deep, longValue, "{\"a\": \"" + new string('y', 2000) + "\"}" })
        {
            var fast = new DocumentReader(options).ReadText(text, "l.json").ToList();
            var general = new DocumentReader(options with { ReadJsonDirectly = false }).ReadText(text, "l.json").ToList();
            fast.Select(d => d.Message).ShouldBe(general.Select(d => d.Message));
            fast[0].IsError.ShouldBeTrue();
        }
    }

    [Fact]
    public void Dense_documents_read_as_on_the_general_path()
    {
        // Far more tokens per byte than a manifest: the tape grows past its first estimate.
        var text = "{\"a\":[" + string.Join(",", Enumerable.Range(0, 3000).Select(i => (i % 10).ToString(CultureInfo.InvariantCulture))) + "],\"b\":[[],{},[[]]]}";
        Outcome(new InputReader().ReadText(text, "d.json")).ShouldBe(Outcome(new InputReader(General).ReadText(text, "d.json")));
    }

    [Fact]
    public void A_tree_read_from_several_threads_is_one_tree()
    {
        var text = ManifestText(new Random(42), wellFormed: true);
        var root = new DocumentReader().ReadText(text, "m.json").Single().Root.ShouldBeOfType<DocMap>();
        var seen = new DocNode?[8];
        Parallel.For(0, seen.Length, i => seen[i] = root["spec"]);
        seen.Distinct().Count().ShouldBe(1);
    }

    /// <summary>A Pod, Deployment or CronJob in JSON, usually right, sometimes with wrong or odd values, duplicate keys or broken syntax.</summary>
    private static string ManifestText(Random random, bool wellFormed = false)
    {
        var kind = random.Next(4) switch { 0 => "Pod", 1 => "Deployment", 2 => "CronJob", _ => "ConfigMap" };
        var spec = PodSpec(random);
        var template = Fill("""{"metadata":{"labels":{"app":@0@}},"spec":@1@}""", Value(random, "\"web\""), spec);
        var body = kind switch
        {
            "Pod" => Fill("\"spec\":@0@", spec),
            "Deployment" => Fill("\"spec\":{\"replicas\":@0@,\"template\":@1@}", Value(random, "2"), template),
            "CronJob" => Fill("\"spec\":{\"schedule\":\"* * * * *\",\"jobTemplate\":{\"spec\":{\"template\":@0@}}}", template),
            _ => Fill("\"data\":{\"k\":@0@,\"ünï\":\"ç\\u00e9\\n\"}", Value(random, "\"v\"")),
        };
        var apiVersion = kind switch { "Deployment" => "apps/v1", "CronJob" => "batch/v1", _ => "v1" };
        var metadata = random.Next(12) == 0 ? Value(random, "[]") : Fill("""{"name":@0@,"namespace":"ns","annotations":{"a\u00e9":"@1@"}}""", Value(random, "\"n-" + random.Next(1000).ToString(CultureInfo.InvariantCulture) + "\""), Escaped(random));
        var text = Fill("""{"apiVersion":"@0@","kind":"@1@","metadata":@2@,@3@}""", apiVersion, kind, metadata, body);
        if (random.Next(6) == 0)
        {
            text = text.Replace(",\"", ",\n  \"", StringComparison.Ordinal).Replace("{\"", random.Next(2) == 0 ? "{\r\n\"" : "{\n \"", StringComparison.Ordinal);
        }

        if (wellFormed)
        {
            return text;
        }

        return random.Next(25) switch
        {
            0 => text[..random.Next(1, text.Length)],
            1 => text.Replace("\"kind\"", "\"kind\":\"Pod\",\"kind\"", StringComparison.Ordinal),
            2 => text.Replace("\"name\"", "\"name\":\"x\",\"n\\u0061me\"", StringComparison.Ordinal),
            3 => "\uFEFF" + text,
            4 => text + ",",
            5 => text.Replace("{\"", "{/*c*/\"", StringComparison.Ordinal),
            6 => new string('[', 250) + text + new string(']', 250),
            7 => "  " + text + "\n\n",
            _ => text,
        };
    }

    private static string PodSpec(Random random)
    {
        var containers = new StringBuilder();
        var count = random.Next(0, 4);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                containers.Append(',');
            }

            containers.Append(Fill("""{"name":"c@0@","image":@1@,"ports":[{"containerPort":@2@}],"securityContext":{"privileged":@3@,"runAsUser":@4@,"capabilities":{"drop":[@5@]}},"resources":{"limits":{"cpu":@6@}}}""", i, Value(random, "\"nginx:1." + i.ToString(CultureInfo.InvariantCulture) + "\""), Value(random, "80"), Value(random, "false"), Value(random, "1000"), Value(random, "\"ALL\""), Value(random, "\"500m\"")));
        }

        var hostNetwork = Value(random, "false");
        return Fill("""{"hostNetwork":@0@,"containers":[@1@]@2@@3@}""", hostNetwork, containers, (random.Next(4) == 0 ? ",\"initContainers\":[{\"name\":\"i\",\"image\":\"busybox\"}]" : string.Empty), (random.Next(5) == 0 ? ",\"securityContext\":{\"runAsNonRoot\":" + Value(random, "true") + "}" : string.Empty));
    }

    /// <summary>Usually the right value; sometimes a value of another type or an odd spelling of a number.</summary>
    private static string Value(Random random, string right) => random.Next(14) switch
    {
        0 => "\"text\"",
        1 => "12",
        2 => "1.5",
        3 => "1e3",
        4 => "-0",
        5 => "99999999999999999999",
        6 => "null",
        7 => "{\"x\":1}",
        8 => "[1,\"a\"]",
        9 => "true",
        10 => "2.0",
        _ => right,
    };

    /// <summary>The template with each <c>@n@</c> replaced by the n-th value.</summary>
    private static string Fill(string template, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            template = template.Replace("@" + i.ToString(CultureInfo.InvariantCulture) + "@", Convert.ToString(values[i], CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }

        return template;
    }

    private static string Escaped(Random random) => random.Next(5) switch
    {
        0 => "\\u0041\\n\\t\\\"q\\\"",
        1 => "\\ud83d\\ude00 ✓",
        2 => "\\/path\\\\x",
        _ => "plain",
    };
}
