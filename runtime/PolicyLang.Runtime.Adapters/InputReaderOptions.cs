// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters;

/// <summary>How an <see cref="InputReader"/> reads its inputs.</summary>
public sealed record InputReaderOptions
{
    public static readonly InputReaderOptions Default = new();

    /// <summary>The limits for each document.</summary>
    public DocumentReaderOptions Documents { get; init; } = DocumentReaderOptions.Default;

    /// <summary>The subject kind every document is read as (<c>--subject</c>), or null to detect it per document.</summary>
    public SubjectKind? Subject { get; init; }

    /// <summary>
    /// How many files are read (parsed into subjects) at once, ahead of the consumer and in input order; 1 reads one
    /// at a time. Only files up to <see cref="ParallelFileLimit"/> bytes are read ahead (each is held whole until
    /// consumed); larger files and stdin are streamed one document at a time.
    /// </summary>
    public int Parallelism { get; init; } = 1;

    /// <summary>The largest file read ahead in parallel (4 MiB).</summary>
    public long ParallelFileLimit { get; init; } = 4 * 1024 * 1024;

    /// <summary>Opens standard input for the path "-". The CLI passes <c>Console.OpenStandardInput</c>; null means "-" is an error.</summary>
    public Func<Stream>? OpenStdin { get; init; }
}
