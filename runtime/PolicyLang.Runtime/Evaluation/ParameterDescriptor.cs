// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Evaluation;

/// <summary>A policy parameter: its name, PolicyLang type (e.g. <c>list&lt;string&gt;</c>) and default.</summary>
public sealed record ParameterDescriptor
{
    public required string Policy { get; init; }

    public required string Name { get; init; }

    public required string Type { get; init; }

    /// <summary>The default as source text, or null when the parameter has none (then it is absent unless set).</summary>
    public string? DefaultText { get; init; }

    public string? Description { get; init; }
}
