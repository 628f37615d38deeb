// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s.Models;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Compiler.Evaluation;

/// <summary>
/// The CLR type of the values of a PolicyLang type at run time: the same mapping as the C# generator's
/// <c>ClrTypes.Of</c>, as <see cref="Type"/> objects rather than C# text.
/// </summary>
internal static class ClrTypeMap
{
    public static Type Of(TypeSymbol type) => type switch
    {
        PrimitiveType { Kind: PrimitiveKind.Bool } => typeof(bool?),
        PrimitiveType { Kind: PrimitiveKind.Int } => typeof(long?),
        PrimitiveType { Kind: PrimitiveKind.Float } => typeof(double?),
        PrimitiveType { Kind: PrimitiveKind.String } => typeof(string),
        PrimitiveType { Kind: PrimitiveKind.Quantity } => typeof(ResourceQuantity),
        PrimitiveType { Kind: PrimitiveKind.Duration } => typeof(TimeSpan?),
        PrimitiveType { Kind: PrimitiveKind.Timestamp } => typeof(DateTimeOffset?),
        PrimitiveType { Kind: PrimitiveKind.Null } => typeof(object),
        DynamicType => typeof(DocNode),
        ListType list => typeof(IList<>).MakeGenericType(Of(list.Element)),
        SetType set => typeof(ISet<>).MakeGenericType(Of(set.Element)),
        MapType map => typeof(IDictionary<,>).MakeGenericType(typeof(string), Of(map.Value)),
        ObjectType obj => obj.ClrType,
        _ => typeof(object),
    };

    /// <summary>The element type of a list or set type, the value type of a map type.</summary>
    public static Type ElementOf(TypeSymbol type) => type switch
    {
        ListType list => Of(list.Element),
        SetType set => Of(set.Element),
        MapType map => Of(map.Value),
        _ => typeof(object),
    };
}
