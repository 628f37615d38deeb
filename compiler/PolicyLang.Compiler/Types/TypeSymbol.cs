// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler.Types;

/// <summary>A PolicyLang type. Every value may also be absent; types do not track that (absent is normal).</summary>
public abstract record TypeSymbol(string Name)
{
    public static readonly PrimitiveType Bool = new("bool", PrimitiveKind.Bool);
    public static readonly PrimitiveType Int = new("int", PrimitiveKind.Int);
    public static readonly PrimitiveType Float = new("float", PrimitiveKind.Float);
    public static readonly PrimitiveType String = new("string", PrimitiveKind.String);
    public static readonly PrimitiveType Quantity = new("quantity", PrimitiveKind.Quantity);
    public static readonly PrimitiveType Duration = new("duration", PrimitiveKind.Duration);
    public static readonly PrimitiveType Timestamp = new("timestamp", PrimitiveKind.Timestamp);

    /// <summary>The type of the <c>null</c> literal: converts to every type.</summary>
    public static readonly PrimitiveType Null = new("null", PrimitiveKind.Null);

    /// <summary>Schema-less data (unknown kinds, CRDs, dynamic fields): any member, index or comparison is allowed.</summary>
    public static readonly DynamicType Dynamic = new();

    /// <summary>The type of an expression that already has an error: operations on it report nothing more.</summary>
    public static readonly ErrorType Error = new();

    public bool IsError => this is ErrorType;

    public bool IsNumeric => this == Int || this == Float;

    /// <summary>A collection the language can iterate: list, set, map, or dynamic.</summary>
    public bool IsIterable => this is ListType or SetType or MapType or DynamicType;

    public override string ToString() => Name;
}

public enum PrimitiveKind
{
    Bool,
    Int,
    Float,
    String,
    Quantity,
    Duration,
    Timestamp,
    Null,
}

public sealed record PrimitiveType(string Name, PrimitiveKind Kind) : TypeSymbol(Name)
{
    public override string ToString() => Name;
}

public sealed record DynamicType() : TypeSymbol("dynamic")
{
    public override string ToString() => Name;
}

public sealed record ErrorType() : TypeSymbol("?")
{
    public override string ToString() => Name;
}

public sealed record ListType(TypeSymbol Element) : TypeSymbol($"list<{Element}>")
{
    public override string ToString() => Name;
}

public sealed record SetType(TypeSymbol Element) : TypeSymbol($"set<{Element}>")
{
    public override string ToString() => Name;
}

public sealed record MapType(TypeSymbol Key, TypeSymbol Value) : TypeSymbol($"map<{Key}, {Value}>")
{
    public override string ToString() => Name;
}

/// <summary>A type variable of a generic built-in (only during overload resolution).</summary>
public sealed record TypeVariable(string VariableName) : TypeSymbol(VariableName)
{
    public override string ToString() => Name;
}
