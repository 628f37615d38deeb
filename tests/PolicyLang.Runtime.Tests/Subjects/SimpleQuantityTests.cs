// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Adapters.Json;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Tests.Subjects;

/// <summary>
/// Quantities written the common way are made without KubernetesClient's general parse (<see cref="SimpleQuantityConverter"/>);
/// every quantity made so must be the one that parse makes — the same fraction inside, the same format, the same text —
/// and every other text must be left to the parse, on many generated texts, odd ones included.
/// </summary>
public sealed class SimpleQuantityTests
{
    private static readonly string[] Suffixes = ["", "n", "u", "m", "k", "M", "G", "T", "P", "E", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];

    private static readonly string[] OddSuffixes = ["Ki ", " ", "ki", "K", "mi", "e3", "E3", "e-3", ".5", ".0m", "i", "MiB", "mm", "Mi\u00e9"];

    // Plain and escaped texts, a number, an odd form and null, in the places quantities sit in a pod.
    private const string Requirements = """
        {"limits":{"cpu":"500m","memory":"1Gi","ephemeral-storage":"1e3","nvidia.com/gpu":"\u0032","other":2,"odd":"0100m","none":null},"requests":{"cpu":"250m","memory":"128Mi","huge":"9Ei"}}
        """;

    public static TheoryData<int> Seeds() => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Quantities_made_directly_are_those_the_library_parses(int seed)
    {
        var random = new Random(seed + 900);
        var direct = 0;
        for (var i = 0; i < 20_000; i++)
        {
            var text = Text(random);
            var made = SimpleQuantityConverter.TryRead(Encoding.UTF8.GetBytes(text));
            if (made is null)
            {
                continue;
            }

            direct++;
            Describe(made).ShouldBe(Describe(new ResourceQuantity(text)), $"seed {seed}: \"{text}\"");
        }

        direct.ShouldBeGreaterThan(8_000, "most generated texts are of the common form");
    }

    [Theory]
    [InlineData("500m")]
    [InlineData("128Mi")]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("1Gi")]
    [InlineData("3Ei")]
    [InlineData("999999999999999")]
    [InlineData("250n")]
    public void Common_forms_are_made_directly(string text)
    {
        var made = SimpleQuantityConverter.TryRead(Encoding.UTF8.GetBytes(text)).ShouldNotBeNull();
        Describe(made).ShouldBe(Describe(new ResourceQuantity(text)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0100m")]
    [InlineData("00")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("1E3")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1Ki ")]
    [InlineData("4Ei")]
    [InlineData("8796093022208Gi")]
    [InlineData("1000E")]
    [InlineData("1000000000000000")]
    [InlineData("abc")]
    public void Other_texts_are_left_to_the_library(string text) =>
        SimpleQuantityConverter.TryRead(Encoding.UTF8.GetBytes(text)).ShouldBeNull();

    [Fact]
    public void The_strict_settings_bind_quantities_as_the_usual_settings_do()
    {
        var strict = JsonSerializer.Deserialize(Requirements, StrictModelOptions.For<V1ResourceRequirements>()).ShouldNotBeNull();
        var usual = KubernetesJson.Deserialize<V1ResourceRequirements>(Requirements);
        Quantities(strict).ShouldBe(Quantities(usual));
        KubernetesJson.Serialize(strict).ShouldBe(KubernetesJson.Serialize(usual));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Models_bound_from_a_tree_hold_the_quantities_KubernetesJson_gives(bool readJsonDirectly)
    {
        // From the JSON text itself (read directly) and from the tree written back (read as YAML).
        var reader = new DocumentReader(new DocumentReaderOptions { ReadJsonDirectly = readJsonDirectly });
        var root = reader.ReadText(Requirements, "r.json").ToArray().ShouldHaveSingleItem().Root.ShouldBeOfType<DocMap>();
        var bound = ManifestSubject.Bind<V1ResourceRequirements>(root, string.Empty);
        Quantities(bound).ShouldBe(Quantities(KubernetesJson.Deserialize<V1ResourceRequirements>(Requirements)));
    }

    [Theory]
    [InlineData("""{"limits":{"cpu":1.5}}""")]
    [InlineData("""{"limits":{"cpu":"1.5.5"}}""")]
    [InlineData("""{"limits":{"cpu":true}}""")]
    public void Quantities_the_strict_settings_refuse_still_throw(string json) =>
        Should.Throw<Exception>(() => JsonSerializer.Deserialize(json, StrictModelOptions.For<V1ResourceRequirements>()));

    private static string Text(Random random)
    {
        if (random.Next(10) == 0)
        {
            // Odd forms: leading zeros, signs, decimals, exponents, near the library's clamp, wrong suffixes.
            return random.Next(6) switch
            {
                0 => "0" + random.Next(0, 1000).ToString(CultureInfo.InvariantCulture) + Suffixes[random.Next(Suffixes.Length)],
                1 => (random.Next(2) == 0 ? "-" : "+") + random.Next(0, 1000).ToString(CultureInfo.InvariantCulture) + Suffixes[random.Next(Suffixes.Length)],
                2 => random.Next(0, 1000).ToString(CultureInfo.InvariantCulture) + OddSuffixes[random.Next(OddSuffixes.Length)],
                3 => random.NextInt64(1L << 40, long.MaxValue).ToString(CultureInfo.InvariantCulture) + Suffixes[random.Next(Suffixes.Length)],
                4 => random.Next(1, 9).ToString(CultureInfo.InvariantCulture) + "Ei",
                _ => random.NextInt64(0, 999_999_999_999_999).ToString(CultureInfo.InvariantCulture) + Suffixes[random.Next(Suffixes.Length)],
            };
        }

        var number = random.Next(4) switch
        {
            0 => random.Next(0, 10),
            1 => random.Next(0, 5_000),
            2 => random.NextInt64(0, 1_000_000_000),
            _ => random.NextInt64(0, 1_000_000_000_000_000),
        };
        return number.ToString(CultureInfo.InvariantCulture) + Suffixes[random.Next(Suffixes.Length)];
    }

    /// <summary>Everything a quantity holds (its fraction field by field, its format) and how it reads back.</summary>
    private static string Describe(ResourceQuantity quantity)
    {
        var field = typeof(ResourceQuantity).GetField("_unitlessValue", BindingFlags.NonPublic | BindingFlags.Instance).ShouldNotBeNull("the quantity's value field");
        var fraction = field.GetValue(quantity).ShouldNotBeNull();
        var parts = fraction.GetType().GetFields(BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Instance)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => $"{f.Name}={Convert.ToString(f.GetValue(fraction), CultureInfo.InvariantCulture)}");
        return string.Join(" ", parts) + $" format={quantity.Format} text={quantity}"
            + $" decimal={quantity.CanonicalizeString(ResourceQuantity.SuffixFormat.DecimalSI)} binary={quantity.CanonicalizeString(ResourceQuantity.SuffixFormat.BinarySI)}";
    }

    private static List<string> Quantities(V1ResourceRequirements requirements) =>
        [.. new[] { requirements.Limits, requirements.Requests }
            .SelectMany(map => map ?? new Dictionary<string, ResourceQuantity>())
            .Select(pair => $"{pair.Key}: {(pair.Value is null ? "null" : Describe(pair.Value))}")];
}
