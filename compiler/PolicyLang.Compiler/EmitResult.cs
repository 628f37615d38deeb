// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Compiler;

/// <summary>The product of emitting a compilation: the assembly image and its manifest, or the reasons there is none.</summary>
public sealed record EmitResult(byte[]? Image, PolicyAssemblyManifest? Manifest, string? GeneratedSource, IReadOnlyList<Diagnostic> Diagnostics, bool FromCache)
{
    public bool Success => Image is not null;
}
