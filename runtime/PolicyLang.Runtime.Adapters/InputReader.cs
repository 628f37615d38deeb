// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics.CodeAnalysis;
using PolicyLang.Runtime.Adapters.Events;
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
    private readonly JsonLinesEventReader _events;

    public InputReader(InputReaderOptions? options = null)
    {
        Options = options ?? InputReaderOptions.Default;
        _documents = new DocumentReader(Options.Documents);
        _subjects = new SubjectReader(Options.Subject);
        _events = new JsonLinesEventReader(_documents, _subjects);
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
    public IEnumerable<InputItem> Read(string path) => InputPaths.Expand(path).SelectMany(ReadSourceItems);

    /// <summary>Reads the subjects in a stream (an admission request body, a socket, a test fixture). The stream is not closed.</summary>
    /// <param name="stream">The input.</param>
    /// <param name="name">The name used in every position and message.</param>
    /// <param name="format">How to split the stream into documents.</param>
    public IEnumerable<InputItem> ReadStream(Stream stream, string name, DocumentFormat format = DocumentFormat.Auto) =>
        ReadsEventsDirectly(name, format) ? _events.Read(stream, name, format) : _documents.Read(stream, name, format).SelectMany(_subjects.Read);

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

    private IEnumerable<InputItem> ReadSourceItems(InputSource source)
    {
        if (source.Problem is { } problem)
        {
            return _subjects.Read(PathMessage(source.Path, source.ProblemIsNotice ? InputMessageLevel.Notice : InputMessageLevel.Error, problem));
        }

        var format = FormatOf(source);
        if (!ReadsEventsDirectly(source.Path, format))
        {
            return ReadSource(source).SelectMany(_subjects.Read);
        }

        return TryOpen(source, out var stream, out var openError) ? ReadEventsAndClose(stream, source.Path, format) : _subjects.Read(openError);
    }

    /// <summary>
    /// The decision point for the event fast path (<see cref="JsonLinesEventReader"/>): forced or detected subjects, a
    /// JSON-lines or detected format. It yields exactly the items of the general path, faster.
    /// </summary>
    private bool ReadsEventsDirectly(string name, DocumentFormat format) =>
        JsonLinesEventReader.Applies(Options.Documents, Options.Subject, name, format);

    private static DocumentFormat FormatOf(InputSource source) => source.IsStdin ? DocumentFormat.Auto : InputPaths.FormatOf(source.Path);

    private IEnumerable<InputItem> ReadEventsAndClose(Stream stream, string path, DocumentFormat format)
    {
        using (stream)
        {
            foreach (var item in _events.Read(stream, path, format))
            {
                yield return item;
            }
        }
    }

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

    private IEnumerable<DocumentResult> ReadSource(InputSource source) =>
        TryOpen(source, out var stream, out var openError) ? ReadAndClose(stream, source) : [openError];

    private bool TryOpen(InputSource source, [NotNullWhen(true)] out Stream? stream, [NotNullWhen(false)] out DocumentResult? openError)
    {
        openError = null;
        try
        {
            stream = source.IsStdin
                ? Options.OpenStdin?.Invoke() ?? throw new InvalidOperationException("standard input is not available here")
                : new FileStream(source.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            stream = null;
            openError = PathMessage(source.Path, InputMessageLevel.Error, "cannot open: " + e.Message);
            return false;
        }
    }

    private IEnumerable<DocumentResult> ReadAndClose(Stream stream, InputSource source)
    {
        using (stream)
        {
            foreach (var document in _documents.Read(stream, source.Path, FormatOf(source)))
            {
                yield return document;
            }
        }
    }
}
