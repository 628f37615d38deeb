// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// Marks a subject type whose fields beyond its declared properties are read dynamically
/// (through <c>Get(string)</c>), e.g. a manifest of a kind the compiler cannot type.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DynamicMembersAttribute : Attribute
{
}

/// <summary>
/// Gives the JSON pointer of a property within the subject's document when it is not simply
/// the parent's path plus the property's name: <c>BaseProperty</c> (a string property of the same
/// object holding a path, or null for the document root) followed by <c>Suffix</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class SubjectPathAttribute : Attribute
{
    public SubjectPathAttribute(string? baseProperty, string suffix)
    {
        BaseProperty = baseProperty;
        Suffix = suffix;
    }

    public string? BaseProperty { get; }

    public string Suffix { get; }
}

/// <summary>
/// Marks a list property whose elements come from several places of the document:
/// the named property (a <c>string[]</c> of the same object) holds each element's JSON pointer.
/// </summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class ElementPathsAttribute : Attribute
{
    public ElementPathsAttribute(string pathsProperty)
    {
        PathsProperty = pathsProperty;
    }

    public string PathsProperty { get; }
}

/// <summary>A property that exists for the engine and generated code, not for policies.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class HiddenFromPoliciesAttribute : Attribute
{
}

/// <summary>Lists the values a string field may take (admission operations, event types), for checking and completion.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class KnownValuesAttribute : Attribute
{
    public KnownValuesAttribute(params string[] values)
    {
        Values = values;
    }

    public IReadOnlyList<string> Values { get; }
}
