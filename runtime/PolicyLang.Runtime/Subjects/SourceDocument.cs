// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Subjects;

/// <summary>Where a subject's document came from.</summary>
/// <param name="File">The input file as given on the command line ("-" for stdin), or a synthetic name.</param>
/// <param name="Document">0-based index of the document within the file.</param>
/// <param name="Line">1-based line where the document starts.</param>
/// <param name="AttributedFile">The file findings are attributed to when it differs from <paramref name="File"/> (Helm's <c># Source:</c>).</param>
/// <param name="AttributedLineOffset">
/// The line of <paramref name="File"/> just above line 1 of <paramref name="AttributedFile"/> (the line of Helm's
/// <c># Source:</c> comment): a line L of the input is line L minus this in the attributed file. 0 when not attributed.
/// </param>
public sealed record SourceDocument(string File, int Document, int Line, string? AttributedFile = null, int AttributedLineOffset = 0);
