// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// The text of one document (a YAML document with its <c>---</c> line, or one JSON line) and the file line it starts on.
/// A chunk over the size limit keeps no text.
/// </summary>
internal readonly record struct DocumentChunk(string Text, int StartLine, long Length, bool TooLarge, bool IsJsonLine);
