// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler.Text;

/// <summary>A range of characters in a source text: the only position type inside the compiler.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public static TextSpan FromBounds(int start, int end) => new(start, Math.Max(0, end - start));

    /// <summary>The smallest span that covers both.</summary>
    public TextSpan Cover(TextSpan other) => FromBounds(Math.Min(Start, other.Start), Math.Max(End, other.End));

    public bool Contains(int position) => position >= Start && position < End;

    /// <summary>True when the position is inside the span or just after its end (cursor positions).</summary>
    public bool ContainsOrTouches(int position) => position >= Start && position <= End;

    public override string ToString() => $"[{Start}..{End})";
}
