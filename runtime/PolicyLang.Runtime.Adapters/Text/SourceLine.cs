// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>One line of input without its line break. <see cref="Truncated"/> lines were longer than the reader's limit and hold only their start.</summary>
internal readonly record struct SourceLine(string Text, int Number, bool Truncated, int Length)
{
    /// <summary>A whole line's text as <see cref="LineReader.Read"/> gives it when it keeps at most <paramref name="maxLength"/> characters.</summary>
    public static SourceLine Of(string text, int number, int maxLength) =>
        text.Length > maxLength ? new(text[..maxLength], number, Truncated: true, text.Length) : new(text, number, Truncated: false, text.Length);
}
