// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Evaluation;

/// <summary>A compiled policy (package): the generated class, its rules and parameters.</summary>
public sealed record PolicyDescriptor
{
    public required string Name { get; init; }

    /// <summary>The generated class, full name.</summary>
    public required string Class { get; init; }

    public string? Title { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<RuleDescriptor> Rules { get; init; } = [];

    public IReadOnlyList<ParameterDescriptor> Parameters { get; init; } = [];

    /// <summary>The source files of the package, relative as given, with their SHA-256.</summary>
    public IReadOnlyList<SourceHash> Sources { get; init; } = [];
}

/// <summary>A source file and the SHA-256 of its text.</summary>
public sealed record SourceHash(string File, string Sha256);
