// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters.Text;
using PolicyLang.Runtime.Adapters.Yaml;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters;

/// <summary>
/// Reads YAML streams, JSON and JSON lines into document trees that keep the line and column of every node and key.
/// Documents are produced lazily, one at a time, so memory holds one document however long the stream is.
/// Bad input never throws: a broken document is an error result and reading goes on with the next one; input that
/// is not text ends the stream with one error.
/// </summary>
public sealed class DocumentReader
{
    public DocumentReader(DocumentReaderOptions? options = null)
    {
        Options = options ?? DocumentReaderOptions.Default;
    }

    public DocumentReaderOptions Options { get; }

    /// <summary>Reads documents from a byte stream (UTF-8, or UTF-16/32 with a byte order mark). The stream is not closed.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="file">The name used in every position and message: the path as given, or "-" for stdin.</param>
    /// <param name="format">How to split the stream into documents.</param>
    public IEnumerable<DocumentResult> Read(Stream stream, string file, DocumentFormat format = DocumentFormat.Auto) =>
        Read(LineReader.FromStream(stream), file, format);

    /// <summary>Reads documents from text. The reader is not closed.</summary>
    public IEnumerable<DocumentResult> Read(TextReader reader, string file, DocumentFormat format = DocumentFormat.Auto) =>
        Read(new LineReader(reader), file, format);

    /// <summary>Reads documents from a string (fixtures, tests, admission requests).</summary>
    public IEnumerable<DocumentResult> ReadText(string text, string file, DocumentFormat format = DocumentFormat.Auto) =>
        Options.ReadJsonDirectly && SingleJsonText.Line(text, Options.MaxDocumentLength) is { } line
            ? ReadJsonText(line, text, file, format)
            : Read(new LineReader(new StringReader(text)), file, format);

    /// <summary>
    /// A text that is one JSON value on its first line (a request body, a fixture, a JSON file read whole) is read without
    /// splitting it into lines and chunks: every format reads such a text as that one document, with the same positions.
    /// </summary>
    private IEnumerable<DocumentResult> ReadJsonText(string line, string text, string file, DocumentFormat format)
    {
        if (!Json.JsonDocumentParser.TryParse(line, firstLine: 1, Options, out var root) || root is null)
        {
            // Not JSON after all (or beyond a limit): the general path gives the message.
            foreach (var result in Read(new LineReader(new StringReader(text)), file, format))
            {
                yield return result;
            }

            yield break;
        }

        yield return new DocumentResult(new SourceDocument(file, 0, root.Line), root, null);
    }

    /// <summary>Reads documents from lines; <paramref name="firstIndex"/> is the index of the first document (above 0 when going on from another reader).</summary>
    internal IEnumerable<DocumentResult> Read(LineReader lines, string file, DocumentFormat format, int firstIndex = 0)
    {
        if (format == DocumentFormat.Auto)
        {
            // The file's extension decides where it can (.yaml is YAML even if its first line is a JSON array).
            format = Sources.InputPaths.FormatOf(file);
        }

        var builder = new DocumentBuilder(file, Options);
        var results = new List<DocumentResult>();
        var index = firstIndex;
        using var chunks = DocumentChunker.Split(lines, format, Options.MaxDocumentLength).GetEnumerator();
        while (true)
        {
            bool more;
            InputMessage? failure = null;
            try
            {
                more = chunks.MoveNext();
            }
            catch (NotTextException e)
            {
                more = false;
                failure = new InputMessage(InputMessageLevel.Error, e.Message, file, index, e.Line, e.Column);
            }
            catch (IOException e)
            {
                more = false;
                failure = new InputMessage(InputMessageLevel.Error, "cannot read the input: " + e.Message, file, index);
            }

            if (failure is not null)
            {
                // The rest of a stream that is not text (or cannot be read) cannot be trusted: one error ends it.
                yield return new DocumentResult(new SourceDocument(file, index, failure.Line), null, failure);
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            results.Clear();
            index = builder.Build(chunks.Current, index, results);
            foreach (var result in results)
            {
                yield return result;
            }
        }
    }
}
