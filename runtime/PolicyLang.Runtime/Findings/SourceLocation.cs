// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Findings;

/// <summary>A place in an input file: 1-based line and column.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
