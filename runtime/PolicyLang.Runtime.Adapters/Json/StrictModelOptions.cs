// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using k8s;
using k8s.Models;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters.Json;

/// <summary>
/// KubernetesClient's serializer settings made strict, for binding a typed part of a manifest in the same pass that checks
/// its text (<see cref="JsonTape"/>). What the check would refuse, or what would bind differently from the tree written
/// back, throws here instead, and the caller reads the text the plain way: a key twice (as the model's property or a
/// map's key), a key the model does not have (its value would be skipped unchecked), a number that does not write back as a
/// long, a value typed <c>object</c> (kept as a JsonElement nothing checks). Any other value binds to what the usual
/// settings give, since only these converters and checks differ (quantities written the common way are made without the
/// library's general parse, as the same quantities: <see cref="SimpleQuantityConverter"/>).
/// </summary>
internal static class StrictModelOptions
{
    private static readonly JsonSerializerOptions Value = Make();

    /// <summary>The strict settings for one model.</summary>
    public static JsonTypeInfo<T> For<T>() => TypeInfo<T>.Value;

    private static JsonSerializerOptions Make()
    {
        // KubernetesJson keeps its options private; AddJsonOptions hands them to the callback (changing nothing here).
        JsonSerializerOptions? found = null;
        KubernetesJson.AddJsonOptions(o => found = o);
        var usual = found ?? throw new InvalidOperationException("KubernetesJson gave no serializer options");
        var strict = new JsonSerializerOptions(usual)
        {
            AllowDuplicateProperties = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };

        // Converters given in the options take precedence over those the types name (IntOrString, ResourceQuantity).
        strict.Converters.Insert(0, new WholeNumbersOnly<long>(usual));
        strict.Converters.Insert(0, new WholeNumbersOnly<int>(usual));
        strict.Converters.Insert(0, new WholeNumbersOnly<double>(usual));
        strict.Converters.Insert(0, new WholeNumbersOnly<float>(usual));
        strict.Converters.Insert(0, new WholeNumbersOnly<decimal>(usual));
        strict.Converters.Insert(0, new WholeNumbersOnly<IntOrString>(usual));
        strict.Converters.Insert(0, new SimpleQuantityConverter(new WholeNumbersOnly<ResourceQuantity>(usual)));
        strict.Converters.Insert(0, new Refused<object>());
        return strict;
    }

    private static class TypeInfo<T>
    {
        public static readonly JsonTypeInfo<T> Value = (JsonTypeInfo<T>)StrictModelOptions.Value.GetTypeInfo(typeof(T));
    }

    /// <summary>The usual converter of a scalar type, refusing a number that does not write back as a long.</summary>
    private sealed class WholeNumbersOnly<T>(JsonSerializerOptions usual) : JsonConverter<T>
    {
        private readonly JsonConverter<T> _usual = (JsonConverter<T>)usual.GetConverter(typeof(T));

        public override bool HandleNull => _usual.HandleNull;

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number && !JsonNumbers.WritesBackAsLong(reader.ValueSpan))
            {
                throw new JsonException("a number that does not write back as a long");
            }

            return _usual.Read(ref reader, typeToConvert, options);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _usual.Write(writer, value, options);
    }

    /// <summary>Refuses every value of a type whose content nothing would check.</summary>
    private sealed class Refused<T> : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new JsonException($"a value of type {typeof(T).Name}");

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            throw new NotSupportedException("strict settings are for reading");
    }
}
