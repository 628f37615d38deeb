// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Binding;

/// <summary>
/// The JSON pointer of a field being read, made into a string only when a message needs it: a mapper reads every
/// field of a document, and almost all of them have the right type.
/// </summary>
internal readonly struct FieldPath
{
    private readonly string _at;
    private readonly string? _key;
    private readonly long _index;

    /// <summary>The field <paramref name="key"/> of the map at <paramref name="at"/>.</summary>
    public FieldPath(string at, string key)
    {
        _at = at;
        _key = key;
        _index = -1;
    }

    /// <summary>The item <paramref name="index"/> of the list at <paramref name="at"/>.</summary>
    public FieldPath(string at, long index)
    {
        _at = at;
        _key = null;
        _index = index;
    }

    private FieldPath(string pointer)
    {
        _at = pointer;
        _key = null;
        _index = -1;
    }

    public static implicit operator FieldPath(string pointer) => new(pointer);

    public override string ToString() =>
        _key is not null ? JsonPointer.Append(_at, _key) : _index >= 0 ? JsonPointer.Append(_at, _index) : _at;
}
