// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics.CodeAnalysis;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters;

/// <summary>The subject kinds an input can be forced to (<c>--subject image|event|host|manifest|admission</c>).</summary>
public static class SubjectKindNames
{
    /// <summary>The names accepted by <see cref="TryParse"/>, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Forcible { get; } = ["manifest", "admission", "image", "event", "host"];

    /// <summary>Parses a forced subject kind; the error lists the valid names.</summary>
    public static bool TryParse(string? name, out SubjectKind kind, [NotNullWhen(false)] out string? error)
    {
        kind = SubjectKind.Manifest;
        error = null;
        switch (name?.Trim().ToLowerInvariant())
        {
            case "manifest":
                kind = SubjectKind.Manifest;
                return true;
            case "admission":
                kind = SubjectKind.Admission;
                return true;
            case "image":
                kind = SubjectKind.Image;
                return true;
            case "event":
                kind = SubjectKind.Event;
                return true;
            case "host":
                kind = SubjectKind.Host;
                return true;
            case "workload":
                error = "'workload' cannot be forced: workload rules run on the pod template of every manifest that has one; use 'manifest'. Valid subject kinds: " + string.Join(", ", Forcible);
                return false;
            default:
                error = $"unknown subject kind '{name}'; valid subject kinds: {string.Join(", ", Forcible)}";
                return false;
        }
    }
}
