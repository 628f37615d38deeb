// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Emit;

/// <summary>
/// The C# type generated code uses for each PolicyLang type: value types are nullable (absent is null),
/// lists are <c>IList&lt;T&gt;</c>, sets <c>ISet&lt;T&gt;</c>, maps <c>IDictionary&lt;string, T&gt;</c>.
/// </summary>
internal static class ClrTypes
{
    public const string DocNode = "global::PolicyLang.Runtime.Documents.DocNode";
    public const string Ops = "global::PolicyLang.Runtime.Values.Ops";
    public const string Context = "global::PolicyLang.Runtime.Evaluation.EvaluationContext";
    public const string FindingAction = "global::PolicyLang.Runtime.Findings.FindingAction";
    public const string KeyedInvariant = "global::PolicyLang.Runtime.Values.KeyedInvariant";

    public static string Of(TypeSymbol type) => type switch
    {
        PrimitiveType { Kind: PrimitiveKind.Bool } => "bool?",
        PrimitiveType { Kind: PrimitiveKind.Int } => "long?",
        PrimitiveType { Kind: PrimitiveKind.Float } => "double?",
        PrimitiveType { Kind: PrimitiveKind.String } => "string",
        PrimitiveType { Kind: PrimitiveKind.Quantity } => "global::k8s.Models.ResourceQuantity",
        PrimitiveType { Kind: PrimitiveKind.Duration } => "global::System.TimeSpan?",
        PrimitiveType { Kind: PrimitiveKind.Timestamp } => "global::System.DateTimeOffset?",
        PrimitiveType { Kind: PrimitiveKind.Null } => "object",
        DynamicType => DocNode,
        ListType list => $"global::System.Collections.Generic.IList<{Of(list.Element)}>",
        SetType set => $"global::System.Collections.Generic.ISet<{Of(set.Element)}>",
        MapType map => $"global::System.Collections.Generic.IDictionary<string, {Of(map.Value)}>",
        ObjectType obj => Name(obj.ClrType),
        _ => "object",
    };

    /// <summary>The concrete type used to build a value of a collection type.</summary>
    public static string Builder(TypeSymbol type) => type switch
    {
        ListType list => $"global::System.Collections.Generic.List<{Of(list.Element)}>",
        SetType set => $"global::System.Collections.Generic.HashSet<{Of(set.Element)}>",
        MapType map => $"global::System.Collections.Generic.Dictionary<string, {Of(map.Value)}>",
        _ => Of(type),
    };

    /// <summary>The C# name of a CLR type.</summary>
    public static string Name(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Name(underlying) + "?";
        }

        if (type == typeof(string))
        {
            return "string";
        }

        if (type == typeof(bool))
        {
            return "bool";
        }

        if (type == typeof(long))
        {
            return "long";
        }

        if (type == typeof(int))
        {
            return "int";
        }

        if (type == typeof(double))
        {
            return "double";
        }

        if (type == typeof(object))
        {
            return "object";
        }

        if (type.IsArray && type.GetElementType() is { } element)
        {
            return Name(element) + "[]";
        }

        if (type.IsGenericType)
        {
            var name = type.GetGenericTypeDefinition().FullName ?? type.Name;
            name = name[..name.IndexOf('`', StringComparison.Ordinal)];
            return $"global::{name}<{string.Join(", ", type.GetGenericArguments().Select(Name))}>";
        }

        return "global::" + (type.FullName ?? type.Name).Replace('+', '.');
    }
}
