// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// What a compiled policy assembly holds, embedded in it as JSON (the generated
/// <c>PolicyLang.Generated.PolicyAssembly.Manifest</c> constant), so it can be loaded without the compiler.
/// </summary>
public sealed record PolicyAssemblyManifest
{
    /// <summary>The name of the generated type that holds the manifest constant.</summary>
    public const string HolderType = "PolicyLang.Generated.PolicyAssembly";

    /// <summary>The name of the manifest constant.</summary>
    public const string HolderField = "Manifest";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = false,
    };

    public required string CompilerVersion { get; init; }

    public IReadOnlyList<PolicyDescriptor> Policies { get; init; } = [];

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static PolicyAssemblyManifest FromJson(string json) =>
        JsonSerializer.Deserialize<PolicyAssemblyManifest>(json, JsonOptions) ?? throw new InvalidDataException("The policy assembly manifest is empty.");

    /// <summary>Reads the manifest embedded in an assembly image without loading the assembly.</summary>
    /// <exception cref="InvalidDataException">The image is not a policy assembly.</exception>
    public static PolicyAssemblyManifest ReadFromImage(byte[] image)
    {
        try
        {
            using var stream = new MemoryStream(image, writable: false);
            using var pe = new PEReader(stream);
            var reader = pe.GetMetadataReader();
            foreach (var typeHandle in reader.TypeDefinitions)
            {
                var type = reader.GetTypeDefinition(typeHandle);
                if (reader.GetString(type.Namespace) + "." + reader.GetString(type.Name) != HolderType)
                {
                    continue;
                }

                foreach (var fieldHandle in type.GetFields())
                {
                    var field = reader.GetFieldDefinition(fieldHandle);
                    if (reader.GetString(field.Name) != HolderField || field.GetDefaultValue().IsNil)
                    {
                        continue;
                    }

                    var blob = reader.GetBlobReader(reader.GetConstant(field.GetDefaultValue()).Value);
                    return FromJson(blob.ReadUTF16(blob.Length));
                }
            }
        }
        catch (BadImageFormatException e)
        {
            throw new InvalidDataException("The file is not a .NET assembly: " + e.Message, e);
        }

        throw new InvalidDataException("The assembly holds no PolicyLang manifest.");
    }
}
