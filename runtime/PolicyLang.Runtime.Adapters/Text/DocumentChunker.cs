// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json;

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// Splits a text stream into document chunks without parsing it, so that one broken document cannot make the
/// YAML parser lose the rest of the stream, and so that memory holds one document at a time.
/// A YAML stream is split before each <c>---</c> line and after each <c>...</c> line at column 0: the YAML spec
/// forbids those markers at column 0 inside any node, so the split is exact.
/// </summary>
internal static class DocumentChunker
{
    private enum LineKind
    {
        Content,
        Trivia,
        DocumentStart,
        DocumentEnd,
    }

    public static IEnumerable<DocumentChunk> Split(LineReader lines, DocumentFormat format, int maxDocumentLength)
    {
        var chunks = (format == DocumentFormat.Auto ? Detect(lines, maxDocumentLength) : format) == DocumentFormat.JsonLines
            ? SplitJsonLines(lines, maxDocumentLength)
            : SplitYaml(lines, maxDocumentLength);
        foreach (var chunk in chunks)
        {
            yield return chunk;
        }
    }

    /// <summary>JSON lines when the first non-blank line is a whole JSON object or array; a YAML stream otherwise.</summary>
    private static DocumentFormat Detect(LineReader lines, int maxDocumentLength)
    {
        var seen = new List<SourceLine>();
        SourceLine? first = null;
        while (lines.Read(maxDocumentLength + 1) is { } line)
        {
            seen.Add(line);
            if (!IsBlank(line))
            {
                first = line;
                break;
            }
        }

        for (var i = seen.Count - 1; i >= 0; i--)
        {
            lines.PushBack(seen[i]);
        }

        return first is { } candidate ? FormatOfFirstLine(candidate) : DocumentFormat.Yaml;
    }

    /// <summary>The format of a stream whose first non-blank line this is (see <see cref="Detect"/>).</summary>
    public static DocumentFormat FormatOfFirstLine(SourceLine first)
    {
        if (first.Truncated)
        {
            return DocumentFormat.Yaml;
        }

        var text = first.Text.AsSpan().Trim();
        return text.Length > 0 && text[0] is '{' or '[' && IsWholeJsonValue(first.Text) ? DocumentFormat.JsonLines : DocumentFormat.Yaml;
    }

    /// <summary>True when a line read before the format is known counts as blank.</summary>
    public static bool IsBlank(SourceLine line) => string.IsNullOrWhiteSpace(line.Text);

    private static bool IsWholeJsonValue(string text)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text), new JsonReaderOptions { MaxDepth = 1_000_000 });
            while (reader.Read())
            {
            }

            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IEnumerable<DocumentChunk> SplitJsonLines(LineReader lines, int maxDocumentLength)
    {
        while (lines.Read(maxDocumentLength + 1) is { } line)
        {
            if (JsonLineChunk(line, maxDocumentLength) is { } chunk)
            {
                yield return chunk;
            }
        }
    }

    /// <summary>The chunk of one line of a JSON-lines stream (read keeping <paramref name="maxDocumentLength"/> + 1 characters), or null for a blank line.</summary>
    public static DocumentChunk? JsonLineChunk(SourceLine line, int maxDocumentLength)
    {
        if (string.IsNullOrWhiteSpace(line.Text))
        {
            return null;
        }

        var tooLarge = line.Truncated || line.Length > maxDocumentLength;
        return new DocumentChunk(tooLarge ? string.Empty : line.Text, line.Number, line.Length, tooLarge, IsJsonLine: true);
    }

    private static IEnumerable<DocumentChunk> SplitYaml(LineReader lines, int maxDocumentLength)
    {
        var text = new StringBuilder();
        var start = 0;
        long length = 0;
        bool hasContent = false, hasMarker = false, tooLarge = false;
        while (lines.Read(maxDocumentLength + 1) is { } line)
        {
            var kind = Classify(line.Text, hasContent);
            if (kind == LineKind.DocumentStart && (hasContent || hasMarker))
            {
                yield return Emit();
                Reset();
            }

            if (start == 0)
            {
                start = line.Number;
            }

            Append(line);
            if (kind == LineKind.DocumentStart)
            {
                hasMarker = true;
                hasContent |= HasContentAfterMarker(line.Text);
            }
            else if (kind == LineKind.Content)
            {
                hasContent = true;
            }
            else if (kind == LineKind.DocumentEnd)
            {
                if (hasContent || hasMarker)
                {
                    yield return Emit();
                }

                Reset();
            }
        }

        if (hasContent || hasMarker)
        {
            yield return Emit();
        }

        void Append(SourceLine line)
        {
            length += line.Length + 1;
            if (tooLarge)
            {
                return;
            }

            if (line.Truncated || length > maxDocumentLength)
            {
                // Past the limit the text is dropped; lines are still classified to find the next document.
                tooLarge = true;
                text.Clear();
                return;
            }

            text.Append(line.Text).Append('\n');
        }

        DocumentChunk Emit() => new(tooLarge ? string.Empty : text.ToString(), start, length, tooLarge, IsJsonLine: false);

        void Reset()
        {
            text.Clear();
            if (text.Capacity > 1024 * 1024)
            {
                text.Capacity = 4096;
            }

            start = 0;
            length = 0;
            hasContent = hasMarker = tooLarge = false;
        }
    }

    private static LineKind Classify(string line, bool inDocument)
    {
        if (IsMarker(line, '-'))
        {
            return LineKind.DocumentStart;
        }

        if (IsMarker(line, '.'))
        {
            return LineKind.DocumentEnd;
        }

        var trimmed = line.AsSpan().TrimStart(" \t");
        return trimmed.Length == 0 || trimmed[0] == '#' || (!inDocument && line.StartsWith('%')) ? LineKind.Trivia : LineKind.Content;
    }

    private static bool IsMarker(string line, char ch) =>
        line.Length >= 3 && line[0] == ch && line[1] == ch && line[2] == ch && (line.Length == 3 || line[3] is ' ' or '\t');

    private static bool HasContentAfterMarker(string line)
    {
        var rest = line.AsSpan(3).Trim(" \t");
        return rest.Length > 0 && rest[0] != '#';
    }
}
