// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// A document could not be read as the typed model a rule needs (e.g. <c>containers: "x"</c>).
/// <see cref="Path"/> is the JSON pointer of the offending node, used to locate the error.
/// </summary>
public sealed class SubjectConversionException : Exception
{
    public SubjectConversionException(string message, string path, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
    }

    public string Path { get; }
}
