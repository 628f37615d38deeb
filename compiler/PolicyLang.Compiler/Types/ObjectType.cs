// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler.Types;

/// <summary>
/// A schema type backed by a CLR class (a KubernetesClient model or a PolicyLang subject type).
/// Fields are read from the class's properties by their JSON names, on first use.
/// Two object types are the same when they stand for the same CLR class.
/// </summary>
public sealed record ObjectType : TypeSymbol
{
    private readonly Lazy<IReadOnlyDictionary<string, FieldSymbol>> _fields;

    internal ObjectType(string name, Type clrType, bool hasDynamicMembers, Func<ObjectType, IReadOnlyDictionary<string, FieldSymbol>> fields)
        : base(name)
    {
        ClrType = clrType;
        HasDynamicMembers = hasDynamicMembers;
        _fields = new Lazy<IReadOnlyDictionary<string, FieldSymbol>>(() => fields(this));
    }

    public Type ClrType { get; }

    /// <summary>Fields beyond the declared ones are read dynamically (manifests of kinds the rule does not name).</summary>
    public bool HasDynamicMembers { get; }

    public IReadOnlyDictionary<string, FieldSymbol> Fields => _fields.Value;

    /// <summary>The API description of the type, when the schema documents it.</summary>
    public string? Documentation => XmlDocs.ForType(ClrType);

    public bool Equals(ObjectType? other) => other is not null && other.ClrType == ClrType;

    public override int GetHashCode() => ClrType.GetHashCode();

    public override string ToString() => Name;
}
