// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Unicode;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Json;

/// <summary>
/// Reads one JSON value held in memory as UTF-8 (a request body) into a document tree that is built where it is read,
/// with typed models bound from the JSON text itself (see <see cref="JsonDocumentParser"/>).
/// </summary>
public static class JsonDocuments
{
    /// <summary>
    /// The document of <paramref name="utf8"/>, or null when it is not valid UTF-8 holding one JSON value without comments
    /// or duplicate keys, within <paramref name="options"/>' limits: the caller's own reader then says why.
    /// </summary>
    /// <param name="utf8">The text; copied, so the buffer may be reused once this returns.</param>
    /// <param name="options">The limits (nesting, scalar length).</param>
    /// <param name="columnsInBytes">Columns count bytes from the start of the line rather than characters.</param>
    public static DocNode? TryRead(ReadOnlySpan<byte> utf8, DocumentReaderOptions? options = null, bool columnsInBytes = false)
    {
        if (!Utf8.IsValid(utf8))
        {
            return null;
        }

        var bytes = utf8.ToArray();
        if (JsonTape.TryRead(bytes, options ?? DocumentReaderOptions.Default) is not { } tape)
        {
            return null;
        }

        var isAscii = columnsInBytes || System.Text.Ascii.IsValid(bytes);
        return JsonTapeChildren.Root(tape, new JsonPositions(firstLine: 1, bytes, isAscii));
    }
}
