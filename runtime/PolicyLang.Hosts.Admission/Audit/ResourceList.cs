// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>The objects of one resource, as listed.</summary>
/// <param name="Resource">What was listed.</param>
/// <param name="Objects">Every object, with apiVersion and kind.</param>
/// <param name="ResourceVersion">The version of the list, to watch from (null if the server gave none).</param>
/// <param name="Served">False when the cluster does not serve the resource at all.</param>
public sealed record ResourceList(AuditResource Resource, IReadOnlyList<DocMap> Objects, string? ResourceVersion, bool Served);
