// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Findings;

/// <summary>Identifies the subject a result is about: where it came from and, for Kubernetes objects, which object.</summary>
public sealed record SubjectInfo
{
    /// <summary>manifest, admission, image, event or host (workload findings are reported on their manifest).</summary>
    public required string Kind { get; init; }

    /// <summary>The input file ("-" for stdin), or null when the subject did not come from a file.</summary>
    public string? File { get; init; }

    /// <summary>0-based index of the document (YAML document, JSON line) within the file.</summary>
    public int Document { get; init; }

    /// <summary>1-based line where the subject's document starts.</summary>
    public int Line { get; init; }

    public string? ApiVersion { get; init; }

    public string? ObjectKind { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    /// <summary>A short human name: "Deployment default/web", "image nginx:1.27", "event #12".</summary>
    public string DisplayName =>
        ObjectKind is not null ? $"{ObjectKind} {(Namespace is null ? string.Empty : Namespace + "/")}{Name}"
        : Name is not null ? $"{Kind} {Name}"
        : $"{Kind} #{Document}";
}
