// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Adapters;

/// <summary>
/// The typed parts of a JSON manifest (metadata, the pod template's spec and metadata) are bound in the same pass that
/// checks the text, with strict settings; whatever those refuse is read the plain way. Over thousands of generated
/// manifests with edge cases inside and outside the typed parts — duplicate keys plain and escaped, unknown keys, wrong
/// types, lone surrogates, odd numbers, null list items, managed fields, keys in another order — every item, message,
/// tree and bound model must be what the general path (the YAML parser, trees written back to bind) gives; and the clean
/// ones must take the one-pass path.
/// </summary>
public sealed class JsonTypedPartTests
{
    private static readonly InputReaderOptions General = new() { Documents = new DocumentReaderOptions { ReadJsonDirectly = false } };

    // Scalar types the strict settings check or that cannot hold a number; anything else in the models needs a look.
    private static readonly HashSet<Type> CheckedScalars =
    [
        typeof(string), typeof(bool), typeof(DateTime), typeof(int), typeof(long), typeof(double), typeof(float), typeof(decimal),
        typeof(IntOrString), typeof(ResourceQuantity), typeof(object),
    ];

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generated_manifests_with_odd_typed_parts_read_as_on_the_general_path(int seed)
    {
        var random = new Random(seed + 300);
        var fast = new InputReader();
        var general = new InputReader(General);
        for (var i = 0; i < 500; i++)
        {
            var text = Manifest(random);
            var file = random.Next(4) == 0 ? "-" : "m.json";
            Outcome(fast.ReadText(text, file)).ShouldBe(Outcome(general.ReadText(text, file)), $"seed {seed}, document {i}: {text}");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_tree_read_before_the_models_is_the_same_tree(int seed)
    {
        var random = new Random(seed + 400);
        for (var i = 0; i < 200; i++)
        {
            var text = Manifest(random);
            OutcomeTreeFirst(new InputReader().ReadText(text, "m.json")).ShouldBe(OutcomeTreeFirst(new InputReader(General).ReadText(text, "m.json")), $"seed {seed}, document {i}: {text}");
        }
    }

    [Theory]
    [InlineData("Pod", "/spec")]
    [InlineData("Deployment", "/spec/template/spec")]
    [InlineData("CronJob", "/spec/jobTemplate/spec/template/spec")]
    public void Clean_manifests_bind_whole_in_the_pass(string kind, string specPath)
    {
        var text = Text(kind, Pod());
        var root = Map(new DocumentReader().ReadText(text, "m.json").Single().Root);
        root.PeekModel<k8s.IKubernetesObject<V1ObjectMeta>>().ShouldNotBeNull().Kind.ShouldBe(kind);
        var manifest = new InputReader().ReadText(text, "m.json").Single().Manifest.ShouldNotBeNull();
        manifest.Name.ShouldBe("web");
        Workload.From(manifest).ShouldNotBeNull().Spec.Containers.ShouldHaveSingleItem().Image.ShouldBe("nginx:1.27");
        Map(Node(manifest.Root, specPath)).Line.ShouldBe(1);
    }

    [Theory]
    [InlineData("Pod", "/spec")]
    [InlineData("Deployment", "/spec/template/spec")]
    [InlineData("CronJob", "/spec/jobTemplate/spec/template/spec")]
    public void Manifests_with_other_keys_bind_their_typed_parts_in_the_pass(string kind, string specPath)
    {
        // A key the object's model does not have: the whole is not bound, the typed parts are.
        var root = Map(new DocumentReader().ReadText(Text(kind, Pod()).Replace("\"metadata\":", "\"x-note\":1,\"metadata\":", StringComparison.Ordinal), "m.json").Single().Root);
        root.PeekModel<k8s.IKubernetesObject<V1ObjectMeta>>().ShouldBeNull();
        Map(root["metadata"]).PeekModel<V1ObjectMeta>().ShouldNotBeNull().Name.ShouldBe("web");
        var spec = Map(Node(root, specPath));
        spec.PeekModel<V1PodSpec>().ShouldNotBeNull().Containers.ShouldHaveSingleItem().Image.ShouldBe("nginx:1.27");

        // Handed out once: a second binding is a model of its own, equal in value.
        var taken = spec.TakeModel<V1PodSpec>().ShouldNotBeNull();
        spec.TakeModel<V1PodSpec>().ShouldBeNull();
        var again = ManifestSubject.Bind<V1PodSpec>(spec, specPath);
        again.ShouldNotBeSameAs(taken);
        k8s.KubernetesJson.Serialize(again).ShouldBe(k8s.KubernetesJson.Serialize(taken));
    }

    [Theory]
    [InlineData("""{"name":"c","image":"x","name":"d"}""")]
    [InlineData("""{"name":"c","image":"x","n\u0061me":"d"}""")]
    [InlineData("""{"name":"c","image":"x","Name":"d"}""")]
    [InlineData("""{"name":"c","image":"x","bogus":1}""")]
    [InlineData("""{"name":"c","image":"x","bogus":{"y":1,"y":2}}""")]
    [InlineData("""{"name":"c","image":"\ud800"}""")]
    [InlineData("""{"name":"c","image":"x","resources":{"limits":{"cpu":1.5}}}""")]
    [InlineData("""{"name":"c","image":"x","resources":{"limits":{"cpu":1e3}}}""")]
    [InlineData("""{"name":"c","image":"x","ports":[{"containerPort":-0}]}""")]
    [InlineData("""{"name":"c","image":"x","securityContext":{"runAsUser":99999999999999999999}}""")]
    [InlineData("""{"name":"c","image":"x","livenessProbe":{"httpGet":{"port":1.0}}}""")]
    [InlineData("""{"name":"c","image":"x","env":[{"name":"a","value":"1"},{"name":"a","value":"1","value":"2"}]}""")]
    [InlineData("""{"name":"c","image":"x","resources":{"limits":{"cpu":"1","cpu":"2"}}}""")]
    [InlineData("""{"name":"c","image":"x","resources":{"limits":{"cpu":"1","\u0063pu":"2"}}}""")]
    public void Refused_parts_are_read_the_plain_way(string container)
    {
        var text = Text("Deployment", Pod(container));
        // A text the check refuses has no tree; one it takes has the part unbound.
        if (new DocumentReader().ReadText(text, "m.json").Single().Root is DocMap root)
        {
            Map(Node(root, "/spec/template/spec")).PeekModel<V1PodSpec>().ShouldBeNull();
        }

        Outcome(new InputReader().ReadText(text, "m.json")).ShouldBe(Outcome(new InputReader(General).ReadText(text, "m.json")));
    }

    [Theory]
    [InlineData("""{"labels":{"a":"1","a":"2"}}""")]
    [InlineData("""{"labels":{"a":"1","\u0061":"2"}}""")]
    [InlineData("""{"labels":{"\udc00":"v"}}""")]
    [InlineData("""{"name":"web","managedFields":[{"manager":"kubectl","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{}}}]}""")]
    [InlineData("""{"name":"web","creationTimestamp":"yesterday"}""")]
    [InlineData("""{"name":5}""")]
    public void Refused_metadata_is_read_the_plain_way(string metadata)
    {
        var text = Text("Pod", Pod(), metadata);
        if (new DocumentReader().ReadText(text, "m.json").Single().Root is DocMap root)
        {
            (root["metadata"] as DocMap)?.PeekModel<V1ObjectMeta>().ShouldBeNull();
        }

        Outcome(new InputReader().ReadText(text, "m.json")).ShouldBe(Outcome(new InputReader(General).ReadText(text, "m.json")));
    }

    [Fact]
    public void Limits_are_kept_inside_typed_parts()
    {
        var text = Text("Pod", Pod("""{"name":"c","image":"x","args":["0123456789012345678901234567890123456789"]}"""));
        foreach (var options in new[] { new DocumentReaderOptions { MaxScalarLength = 30 }, new DocumentReaderOptions { MaxDepth = 4 }, new DocumentReaderOptions { MaxDepth = 200 } })
        {
            var fast = new DocumentReader(options).ReadText(text, "l.json").ToList();
            var general = new DocumentReader(options with { ReadJsonDirectly = false }).ReadText(text, "l.json").ToList();
            fast.Select(d => d.Message).ShouldBe(general.Select(d => d.Message));
            fast.Select(d => DescribeTree(d.Root)).ShouldBe(general.Select(d => DescribeTree(d.Root)));
        }
    }

    [Fact]
    public void Every_scalar_the_models_read_is_one_the_strict_settings_check()
    {
        var seen = new HashSet<Type>();
        var models = new[]
        {
            typeof(V1PodSpec), typeof(V1ObjectMeta), typeof(V1Pod), typeof(V1ReplicationController), typeof(V1PodTemplate), typeof(V1Deployment),
            typeof(V1StatefulSet), typeof(V1DaemonSet), typeof(V1ReplicaSet), typeof(V1Job), typeof(V1CronJob),
        };
        models.Max(m => Walk(m, seen, [])).ShouldBeLessThan(60, "the typed parts nest far below the reader's limit (and the serializer's 64)");
        seen.Where(t => !CheckedScalars.Contains(t)).ShouldBeEmpty();
    }

    [Fact]
    public void Parts_bound_from_several_threads_are_handed_out_once()
    {
        var root = Map(new DocumentReader().ReadText(Text("Deployment", Pod()).Replace("\"metadata\":", "\"x-note\":1,\"metadata\":", StringComparison.Ordinal), "m.json").Single().Root);
        var spec = Map(Node(root, "/spec/template/spec"));
        var taken = new V1PodSpec?[8];
        Parallel.For(0, taken.Length, i => taken[i] = spec.TakeModel<V1PodSpec>());
        taken.Count(t => t is not null).ShouldBe(1);
    }

    /// <summary>The deepest nesting of JSON containers below a model type; every scalar type reached is added to <paramref name="scalars"/>.</summary>
    private static int Walk(Type type, HashSet<Type> scalars, HashSet<Type> onPath)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IList<>) || definition == typeof(List<>) || definition == typeof(IDictionary<,>) || definition == typeof(Dictionary<,>)))
        {
            var item = type.GetGenericArguments()[^1];
            return 1 + Walk(item, scalars, onPath);
        }

        if (type.Namespace != "k8s.Models" || type == typeof(IntOrString) || type == typeof(ResourceQuantity))
        {
            scalars.Add(type);
            return 0;
        }

        onPath.Contains(type).ShouldBeFalse($"{type.Name} nests in itself");
        onPath.Add(type);
        var deepest = 0;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            property.GetCustomAttribute<JsonConverterAttribute>().ShouldBeNull($"{type.Name}.{property.Name} names its own converter");
            deepest = Math.Max(deepest, Walk(property.PropertyType, scalars, onPath));
        }

        onPath.Remove(type);
        return 1 + deepest;
    }

    private static DocNode? Node(DocMap root, string pointer)
    {
        DocNode? node = root;
        foreach (var token in JsonPointer.Split(pointer))
        {
            node = (node as DocMap)?[token];
        }

        return node;
    }

    /// <summary>As <see cref="AdapterTestHelpers.Outcome"/>, the tree described before any model is bound.</summary>
    private static List<string> OutcomeTreeFirst(IEnumerable<InputItem> items)
    {
        var lines = new List<string>();
        foreach (var item in items)
        {
            lines.Add($"{item.Kind} {item.Source} {item.Message}");
            if (item.Manifest is { } manifest)
            {
                DescribeTree(manifest.Root, lines);
                lines.Add(Bound(() => Workload.From(manifest) is { } w ? new { w.Metadata, w.Spec } : null));
                lines.Add(Bound(() => manifest.Metadata));
            }
        }

        return lines;
    }

    private static string Text(string kind, string podSpec, string? metadata = null)
    {
        metadata ??= """{"name":"web","namespace":"ns","labels":{"app":"web"}}""";
        var template = $$$"""{"metadata":{"labels":{"app":"web"}},"spec":{{{podSpec}}}}""";
        var (apiVersion, spec) = kind switch
        {
            "Pod" => ("v1", podSpec),
            "CronJob" => ("batch/v1", """{"schedule":"* * * * *","jobTemplate":{"spec":{"template":""" + template + "}}}"),
            _ => ("apps/v1", $$"""{"replicas":2,"template":{{template}}}"""),
        };
        return $$"""{"apiVersion":"{{apiVersion}}","kind":"{{kind}}","metadata":{{metadata}},"spec":{{spec}}}""";
    }

    private static string Pod(string container = """{"name":"c","image":"nginx:1.27"}""") => $$"""{"containers":[{{container}}]}""";

    /// <summary>A manifest whose typed parts are usually right and sometimes carry one of the edge cases, as are the parts around them.</summary>
    private static string Manifest(Random random)
    {
        var text = ManifestBody(random);
        return random.Next(6) switch
        {
            0 => text.Replace("\"metadata\":", "\"x-note\":1,\"metadata\":", StringComparison.Ordinal), // the whole does not bind; the parts may
            1 => text.Replace("\"spec\":{", "\"status\":{\"replicas\":1,\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastTransitionTime\":\"2024-01-02T03:04:05Z\"}]},\"spec\":{", StringComparison.Ordinal),
            2 => text.Replace("\"apiVersion\":\"apps/v1\"", "\"apiVersion\":\"apps/v1beta2\"", StringComparison.Ordinal),
            _ => text,
        };
    }

    private static string ManifestBody(Random random)
    {
        var kind = random.Next(5) switch { 0 => "Pod", 1 => "CronJob", 2 => "ConfigMap", _ => "Deployment" };
        var containers = string.Join(",", Enumerable.Range(0, random.Next(0, 3)).Select(i => Container(random, i)));
        var extra = random.Next(8) switch
        {
            0 => ""","volumes":[null]""",
            1 => ""","volumes":[{"name":"v","emptyDir":{"sizeLimit":"1Gi"}},{"name":"h","hostPath":{"path":"/"}}]""",
            2 => ""","securityContext":{"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"}}""",
            3 => ""","initContainers":[null]""",
            4 => ""","hostNetwork":true,"hostNetwork":false""",
            5 => ""","nodeSelector":{"zone":"a","zöne":"ß"}""",
            _ => string.Empty,
        };
        var podSpec = random.Next(15) == 0 ? Odd(random) : $$"""{"containers":[{{containers}}]{{extra}}}""";
        var metadata = random.Next(6) switch
        {
            0 => Odd(random),
            1 => """{"name":"web","labels":{"app":"web","tier":"a\u00e9\n"},"annotations":{"k":"\ud83d\ude00"}}""",
            2 => """{"name":"web","creationTimestamp":"2024-01-02T03:04:05Z","uid":"u","generation":3}""",
            _ => """{"name":"web","namespace":"ns","labels":{"app":"web"}}""",
        };
        var text = Text(kind, podSpec, metadata);
        return random.Next(10) switch
        {
            0 => text.Replace("\"kind\":\"" + kind + "\",", string.Empty, StringComparison.Ordinal)[..^1] + ",\"kind\":\"" + kind + "\"}", // the kind after the parts
            1 => "\uFEFF" + text,
            2 => text.Replace(",\"", ",\n  \"", StringComparison.Ordinal),
            3 => text[..random.Next(1, text.Length)],
            4 => text.Replace("\"spec\":{", "\"sp\\u0065c\":{", StringComparison.Ordinal),
            _ => text,
        };
    }

    private static string Container(Random random, int i)
    {
        var name = i.ToString(CultureInfo.InvariantCulture);
        return random.Next(18) switch
        {
            0 => """{"name":"c","image":"x","name":"d"}""",
            1 => """{"name":"c","image":"x","n\u0061me":"d"}""",
            2 => """{"name":"c","image":"x","bogus":[1,{"b":2,"b":3}]}""",
            3 => """{"name":"c","image":"\ud800"}""",
            4 => """{"name":"c","image":"x","resources":{"limits":{"cpu":1.5,"memory":2}}}""",
            5 => """{"name":"c","image":"x","resources":{"requests":{"cpu":1e3}}}""",
            6 => """{"name":"c","image":"x","ports":[null,{"containerPort":-0}]}""",
            7 => """{"name":"c","image":"x","securityContext":{"runAsUser":99999999999999999999}}""",
            8 => """{"name":"c","image":"x","readinessProbe":{"httpGet":{"port":"http"}},"livenessProbe":{"tcpSocket":{"port":8080}}}""",
            9 => """{"name":"c","image":"x","securityContext":{"privileged":"yes"}}""",
            10 => """{"name":"c","image":"x","env":[{"name":"A","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}""",
            11 => """{"name":"c","image":"x","command":["sh",null,"-c"]}""",
            12 => Odd(random),
            _ => "{\"name\":\"c" + name + "\",\"image\":\"registry.example/app:" + name + "\",\"securityContext\":{\"allowPrivilegeEscalation\":false,\"capabilities\":{\"drop\":[\"ALL\"]}},\"resources\":{\"limits\":{\"cpu\":\"500m\",\"memory\":\"1Gi\"}}}",
        };
    }

    /// <summary>A value of a wrong or odd type where an object is expected.</summary>
    private static string Odd(Random random) => random.Next(8) switch
    {
        0 => "null",
        1 => "[]",
        2 => "\"text\"",
        3 => "12",
        4 => "{}",
        5 => new string('[', 80) + new string(']', 80),
        6 => """{"x":""" + new string('[', 70) + new string(']', 70) + "}",
        _ => """{"a":1,"a":2}""",
    };
}
