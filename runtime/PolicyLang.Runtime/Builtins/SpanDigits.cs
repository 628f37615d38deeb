// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Builtins;

/// <summary>Span helpers for the parsers of the built-ins.</summary>
internal static class SpanDigits
{
    /// <summary>True when every character is an ASCII digit (a range test: ContainsAnyExcept with a ten-character string builds its lookup per call).</summary>
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> span) => !span.ContainsAnyExceptInRange('0', '9');
}
