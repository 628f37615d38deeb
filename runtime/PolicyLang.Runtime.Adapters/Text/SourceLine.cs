// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>One line of input without its line break. <see cref="Truncated"/> lines were longer than the reader's limit and hold only their start.</summary>
internal readonly record struct SourceLine(string Text, int Number, bool Truncated, int Length);
