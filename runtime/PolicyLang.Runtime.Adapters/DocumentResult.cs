// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters;

/// <summary>
/// One document read from a stream: its tree, or the message that explains why there is none (an error, or a notice
/// such as "the directory holds no input files").
/// </summary>
/// <param name="Source">Where the document is: file, index, first line, and Helm's attributed file.</param>
/// <param name="Root">The document's root node, or null when there is only a <paramref name="Message"/>.</param>
/// <param name="Message">Why the document could not be read, or null.</param>
public sealed record DocumentResult(SourceDocument Source, DocNode? Root, InputMessage? Message)
{
    public bool IsError => Message?.Level == InputMessageLevel.Error;
}
