// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting.Layout;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Formatting;

/// <summary>
/// One top-level piece of a formatted file (the package and imports, one declaration with its comments, or the
/// comments at the end), with the source text it replaces and whether a blank line separates it from the piece before.
/// </summary>
internal sealed record LayoutUnit(Doc Doc, TextSpan SourceSpan, bool BlankLineBefore);
