// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Buffers.Text;

namespace PolicyLang.Runtime.Adapters.Json;

/// <summary>What a JSON number must look like for a typed model bound from the text to equal one bound from the tree written back.</summary>
internal static class JsonNumbers
{
    /// <summary>True for an integer that fits a long, written without sign on zero (what a writer gives for the long).</summary>
    public static bool WritesBackAsLong(ReadOnlySpan<byte> number) =>
        number.IndexOfAny((byte)'.', (byte)'e', (byte)'E') < 0
        && !number.SequenceEqual("-0"u8)
        && Utf8Parser.TryParse(number, out long _, out var consumed)
        && consumed == number.Length;
}
