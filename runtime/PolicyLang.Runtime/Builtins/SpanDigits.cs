// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Builtins;

/// <summary>Span helpers for the parsers of the built-ins.</summary>
internal static class SpanDigits
{
    public static bool ContainsOnlyDigits(this ReadOnlySpan<char> span) => !span.ContainsAnyExcept("0123456789");
}
