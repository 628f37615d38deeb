// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Formatting;

/// <summary>Replace the source text in <see cref="Span"/> with <see cref="NewText"/> (an LSP text edit, in offsets).</summary>
public sealed record TextEdit(TextSpan Span, string NewText);
