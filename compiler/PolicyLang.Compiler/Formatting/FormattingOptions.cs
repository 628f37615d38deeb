// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler.Formatting;

/// <summary>Settings of <see cref="PolicyFormatter"/>. The defaults are the canonical style of <c>policylang fmt</c>.</summary>
public sealed record FormattingOptions
{
    public static FormattingOptions Default { get; } = new();

    /// <summary>Spaces per indentation level (at least 1).</summary>
    public int IndentSize { get; init; } = 2;

    /// <summary>The width lines are kept within where the syntax allows a break (at least 20).</summary>
    public int MaxLineWidth { get; init; } = 100;
}
