// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters.Yaml;

/// <summary>A document breaks a rule of the reader (a limit, a duplicate key, an unknown alias); it is reported and skipped.</summary>
internal sealed class DocumentReadException : Exception
{
    public DocumentReadException(string message, int line, int column)
        : base(message)
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }

    public int Column { get; }
}
