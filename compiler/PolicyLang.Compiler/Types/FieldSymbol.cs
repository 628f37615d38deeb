// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;

namespace PolicyLang.Compiler.Types;

/// <summary>A field of an object type: its name as written in YAML, its type and how generated code reads it.</summary>
public sealed record FieldSymbol(
    string Name,
    TypeSymbol Type,
    PropertyInfo Property,
    ReadConversion Conversion,
    string? PathBaseProperty,
    string? PathSuffix,
    string? ElementPathsProperty,
    IReadOnlyList<string> KnownValues)
{
    /// <summary>The API description of the field (Kubernetes API docs or PolicyLang's subject docs).</summary>
    public string? Documentation => XmlDocs.ForProperty(Property);

    /// <summary>True when the field's document path is not simply its parent's path plus its name.</summary>
    public bool HasCustomPath => PathSuffix is not null;
}

/// <summary>How a CLR property value becomes a PolicyLang value.</summary>
public enum ReadConversion
{
    None,

    /// <summary>Kubernetes IntOrString: its text.</summary>
    IntOrString,

    /// <summary>A <c>DateTime</c> to a timestamp.</summary>
    DateTime,

    /// <summary>Bytes to their base64 text.</summary>
    Base64,

    /// <summary>A schema-less CLR value (JsonElement, object) to dynamic.</summary>
    ObjectToDynamic,
}
