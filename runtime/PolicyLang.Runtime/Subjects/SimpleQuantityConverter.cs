// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// Reads a quantity written the common way (<c>"500m"</c>, <c>"128Mi"</c>, <c>"2"</c>: digits and an SI or binary suffix)
/// without KubernetesClient's general parse, which goes through fractions of big integers and took about a sixth of a
/// manifest's binding. The quantity made is the one that parse makes: the same value, held as the same reduced fraction,
/// with the same format (<c>SimpleQuantityTests</c> compares them field by field on generated texts). Any other text,
/// and any value near the library's clamp at <see cref="long.MaxValue"/>, goes to <paramref name="inner"/>. Used by every
/// binding of typed models from JSON (<see cref="ManifestSubject.Bind{T}"/>, the JSON reader's strict settings).
/// </summary>
/// <param name="inner">The converter for every other value (KubernetesClient's, or a stricter one wrapping it).</param>
public sealed class SimpleQuantityConverter(JsonConverter<ResourceQuantity> inner) : JsonConverter<ResourceQuantity>
{
    // At most this many digits, and values below 2^62: far from the clamp, exact in a decimal.
    private const int MaxDigits = 15;
    private const int MaxDecimalMagnitude = 18;
    private const int MaxBinaryBits = 62;

    /// <inheritdoc/>
    public override bool HandleNull => inner.HandleNull;

    /// <inheritdoc/>
    public override ResourceQuantity? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence && TryRead(reader.ValueSpan) is { } quantity
            ? quantity
            : inner.Read(ref reader, typeToConvert, options);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options) => inner.Write(writer, value, options);

    /// <summary>The quantity of a text of digits (no sign, no leading zero) and a suffix, or null for any other text.</summary>
    internal static ResourceQuantity? TryRead(ReadOnlySpan<byte> text)
    {
        var digits = 0;
        var number = 0L;
        while (digits < text.Length && digits <= MaxDigits && (uint)(text[digits] - '0') <= 9)
        {
            number = (number * 10) + (text[digits] - '0');
            digits++;
        }

        if (digits == 0 || digits > MaxDigits || (text[0] == '0' && digits > 1))
        {
            return null;
        }

        var suffix = text[digits..];
        switch (suffix.Length)
        {
            case 0:
                return new ResourceQuantity(number, 0, ResourceQuantity.SuffixFormat.DecimalSI);
            case 1:
                var exponent = DecimalExponent(suffix[0]);
                return exponent is { } e && digits + e <= MaxDecimalMagnitude ? new ResourceQuantity(number, e, ResourceQuantity.SuffixFormat.DecimalSI) : null;
            case 2 when suffix[1] == 'i':
                // The binary format's constructor takes the value itself (its exponent is decimal).
                var bits = BinaryBits(suffix[0]);
                return bits is { } b && number < 1L << (MaxBinaryBits - b) ? new ResourceQuantity(number * (1L << b), 0, ResourceQuantity.SuffixFormat.BinarySI) : null;
            default:
                return null;
        }
    }

    private static int? DecimalExponent(byte suffix) => suffix switch
    {
        (byte)'n' => -9,
        (byte)'u' => -6,
        (byte)'m' => -3,
        (byte)'k' => 3,
        (byte)'M' => 6,
        (byte)'G' => 9,
        (byte)'T' => 12,
        (byte)'P' => 15,
        (byte)'E' => 18,
        _ => null,
    };

    private static int? BinaryBits(byte suffix) => suffix switch
    {
        (byte)'K' => 10,
        (byte)'M' => 20,
        (byte)'G' => 30,
        (byte)'T' => 40,
        (byte)'P' => 50,
        (byte)'E' => 60,
        _ => null,
    };
}
