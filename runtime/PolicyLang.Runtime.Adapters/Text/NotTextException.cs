// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>The input holds a NUL character or bytes that are not UTF-8: it is not a text file.</summary>
internal sealed class NotTextException : Exception
{
    public NotTextException(int line, int column)
        : base("not a text file: it holds a NUL byte or bytes that are not UTF-8")
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}
