// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Subjects;

/// <summary>The kinds of subject a rule can judge (<c>rule r on &lt;kind&gt; x</c>).</summary>
public enum SubjectKind
{
    /// <summary>Any Kubernetes object (built-in kind or CRD).</summary>
    Manifest,

    /// <summary>The pod spec of a Pod or of any pod controller's template.</summary>
    Workload,

    /// <summary>A Kubernetes AdmissionReview request.</summary>
    Admission,

    /// <summary>A container image: reference, config, layers, packages, vulnerabilities.</summary>
    Image,

    /// <summary>A runtime event: process exec, file open, network connect.</summary>
    Event,

    /// <summary>Facts about a node, for compliance benchmarks.</summary>
    Host,
}
