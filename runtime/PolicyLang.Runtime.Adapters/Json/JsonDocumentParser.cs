// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Runtime.Adapters.Text;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Json;

/// <summary>
/// Reads a chunk that is one JSON value (a JSON line, or a JSON file) with System.Text.Json's reader into the same
/// document tree, with the same positions and scalar types, as the YAML parser builds for it — several times faster,
/// since JSON is YAML's flow syntax without its generality. The text is checked whole in one pass
/// (<see cref="JsonTape"/>) and the tree is built a map or list at a time where it is read (<see cref="JsonTapeChildren"/>);
/// typed models bind from the text itself. Anything it does not accept (invalid JSON, comments, duplicate keys, limits
/// exceeded) is left to the YAML parser, which reports it with its usual message, so the fast path changes no outcome,
/// only the speed.
/// </summary>
internal static class JsonDocumentParser
{
    /// <summary>The document of a chunk holding one JSON value, or false to read it as YAML.</summary>
    public static bool TryParse(DocumentChunk chunk, DocumentReaderOptions options, out DocNode? root) =>
        TryParse(chunk.Text, chunk.StartLine, options, out root);

    /// <summary>The document of a text holding one JSON value whose first line is <paramref name="firstLine"/>, or false to read it as YAML.</summary>
    public static bool TryParse(string text, int firstLine, DocumentReaderOptions options, out DocNode? root)
    {
        root = null;
        if (!StartsLikeJson(text))
        {
            return false;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var positions = new JsonPositions(firstLine, bytes, isAscii: bytes.Length == text.Length);
        if (JsonBoundManifest.TryRead(bytes, positions, options) is { } manifest)
        {
            root = manifest;
            return true;
        }

        if (JsonTape.TryRead(bytes, options, bindParts: true) is not { } tape)
        {
            return false;
        }

        root = JsonTapeChildren.Root(tape, positions);
        return true;
    }

    /// <summary>True when the first character after blanks opens an object or an array.</summary>
    private static bool StartsLikeJson(string text)
    {
        var start = 0;
        while (start < text.Length && text[start] is ' ' or '\t' or '\r' or '\n')
        {
            start++;
        }

        return start < text.Length && text[start] is '{' or '[';
    }
}
