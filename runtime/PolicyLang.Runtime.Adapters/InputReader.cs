// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters.Sources;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters;

/// <summary>
/// The door for the CLI and hosts: reads files, directories and stdin ("-") and yields, lazily and in input order,
/// every subject found and every error, warning or notice (each naming the file as given, document, line and column).
/// It never throws for bad input, and holds one document at a time in memory.
/// </summary>
public sealed class InputReader
{
    private readonly DocumentReader _documents;
    private readonly SubjectReader _subjects;

    public InputReader(InputReaderOptions? options = null)
    {
        Options = options ?? InputReaderOptions.Default;
        _documents = new DocumentReader(Options.Documents);
        _subjects = new SubjectReader(Options.Subject);
    }

    public InputReaderOptions Options { get; }

    /// <summary>The file extensions read from directories.</summary>
    public static IReadOnlyList<string> DirectoryExtensions => InputPaths.SupportedExtensions;

    /// <summary>
    /// Reads every path in order: "-" is stdin, a directory is all its input files (recursively, sorted). With
    /// <see cref="InputReaderOptions.Parallelism"/> above 1, small files are parsed on worker threads ahead of the
    /// consumer; the items still come in input order.
    /// </summary>
    public IEnumerable<InputItem> Read(IEnumerable<string> paths) =>
        Options.Parallelism <= 1 ? paths.SelectMany(Read) : ReadAhead(paths.SelectMany(InputPaths.Expand));

    /// <summary>Reads one path ("-" for stdin, a file, or a directory).</summary>
    public IEnumerable<InputItem> Read(string path) => ReadDocuments(path).SelectMany(_subjects.Read);

    /// <summary>Reads the subjects in a stream (an admission request body, a socket, a test fixture). The stream is not closed.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="name">The name used in every position and message.</param>
    /// <param name="format">How to split the stream into documents.</param>
    public IEnumerable<InputItem> ReadStream(Stream stream, string name, DocumentFormat format = DocumentFormat.Auto) =>
        _documents.Read(stream, name, format).SelectMany(_subjects.Read);

    /// <summary>Reads the subjects in a string (fixtures, tests).</summary>
    public IEnumerable<InputItem> ReadText(string text, string name, DocumentFormat format = DocumentFormat.Auto) =>
        _documents.ReadText(text, name, format).SelectMany(_subjects.Read);

    /// <summary>Reads the documents of the paths without deciding what subjects they are (problems with a path are message-only results).</summary>
    public IEnumerable<DocumentResult> ReadDocuments(IEnumerable<string> paths) => paths.SelectMany(ReadDocuments);

    /// <summary>Reads the documents of one path without deciding what subjects they are.</summary>
    public IEnumerable<DocumentResult> ReadDocuments(string path)
    {
        foreach (var source in InputPaths.Expand(path))
        {
            if (source.Problem is { } problem)
            {
                var level = source.ProblemIsNotice ? InputMessageLevel.Notice : InputMessageLevel.Error;
                yield return PathMessage(source.Path, level, problem);
                continue;
            }

            foreach (var document in ReadSource(source))
            {
                yield return document;
            }
        }
    }

    /// <summary>
    /// Keeps up to twice <see cref="InputReaderOptions.Parallelism"/> small files being read on the thread pool and
    /// yields their items in input order; a problem path, stdin or a large file first drains what is ahead, then is
    /// read on the consumer's thread, one document at a time.
    /// </summary>
    private IEnumerable<InputItem> ReadAhead(IEnumerable<InputSource> sources)
    {
        var ahead = new Queue<Task<List<InputItem>>>();
        var depth = Math.Max(2, Options.Parallelism * 2);
        foreach (var source in sources)
        {
            if (source.Problem is null && !source.IsStdin && IsSmall(source.Path))
            {
                ahead.Enqueue(Task.Run(() => ReadSourceItems(source).ToList()));
                while (ahead.Count >= depth)
                {
                    foreach (var item in ahead.Dequeue().GetAwaiter().GetResult())
                    {
                        yield return item;
                    }
                }

                continue;
            }

            while (ahead.Count > 0)
            {
                foreach (var item in ahead.Dequeue().GetAwaiter().GetResult())
                {
                    yield return item;
                }
            }

            foreach (var item in ReadSourceItems(source))
            {
                yield return item;
            }
        }

        while (ahead.Count > 0)
        {
            foreach (var item in ahead.Dequeue().GetAwaiter().GetResult())
            {
                yield return item;
            }
        }
    }

    private IEnumerable<InputItem> ReadSourceItems(InputSource source) =>
        source.Problem is { } problem
            ? _subjects.Read(PathMessage(source.Path, source.ProblemIsNotice ? InputMessageLevel.Notice : InputMessageLevel.Error, problem))
            : ReadSource(source).SelectMany(_subjects.Read);

    private bool IsSmall(string path)
    {
        try
        {
            return new FileInfo(path).Length <= Options.ParallelFileLimit;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Read on the consumer's thread, which reports why it cannot be opened.
            return false;
        }
    }

    private static DocumentResult PathMessage(string path, InputMessageLevel level, string text) =>
        new(new SourceDocument(path, 0, 0), null, new InputMessage(level, text, path));

    private IEnumerable<DocumentResult> ReadSource(InputSource source)
    {
        Stream stream;
        try
        {
            stream = source.IsStdin
                ? Options.OpenStdin?.Invoke() ?? throw new InvalidOperationException("standard input is not available here")
                : new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return [PathMessage(source.Path, InputMessageLevel.Error, "cannot open: " + e.Message)];
        }

        return ReadAndClose(stream, source);
    }

    private IEnumerable<DocumentResult> ReadAndClose(Stream stream, InputSource source)
    {
        using (stream)
        {
            var format = source.IsStdin ? DocumentFormat.Auto : InputPaths.FormatOf(source.Path);
            foreach (var document in _documents.Read(stream, source.Path, format))
            {
                yield return document;
            }
        }
    }
}
