// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json.Serialization;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Subjects;

/// <summary>
/// An <c>admission.k8s.io/v1</c> AdmissionReview request: the operation, who asks, and the object
/// (and, for UPDATE and DELETE, the old object). Paths point into the AdmissionReview document.
/// </summary>
public sealed class AdmissionSubject
{
    /// <summary>The request's unique id, echoed in the response.</summary>
    [JsonPropertyName("uid")]
    [SubjectPath(null, "/request/uid")]
    public string? Uid { get; init; }

    /// <summary>The operation: CREATE, UPDATE, DELETE or CONNECT.</summary>
    [JsonPropertyName("operation")]
    [SubjectPath(null, "/request/operation")]
    [KnownValues("CREATE", "UPDATE", "DELETE", "CONNECT")]
    public string? Operation { get; init; }

    /// <summary>The kind of the object (group, version, kind).</summary>
    [JsonPropertyName("kind")]
    [SubjectPath(null, "/request/kind")]
    public GroupVersionKind Kind { get; init; } = new();

    /// <summary>The resource being requested (group, version, resource).</summary>
    [JsonPropertyName("resource")]
    [SubjectPath(null, "/request/resource")]
    public GroupVersionResource Resource { get; init; } = new();

    /// <summary>The subresource being requested, if any (e.g. <c>status</c>, <c>exec</c>).</summary>
    [JsonPropertyName("subResource")]
    [SubjectPath(null, "/request/subResource")]
    public string? SubResource { get; init; }

    /// <summary>The name of the object (may be empty on CREATE with generateName).</summary>
    [JsonPropertyName("name")]
    [SubjectPath(null, "/request/name")]
    public string? Name { get; init; }

    /// <summary>The namespace of the object, absent for cluster-scoped objects.</summary>
    [JsonPropertyName("namespace")]
    [SubjectPath(null, "/request/namespace")]
    public string? Namespace { get; init; }

    /// <summary>The user who sent the request.</summary>
    [JsonPropertyName("userInfo")]
    [SubjectPath(null, "/request/userInfo")]
    public AdmissionUserInfo UserInfo { get; init; } = new();

    /// <summary>The object as it will be stored (absent for DELETE).</summary>
    [JsonPropertyName("object")]
    [SubjectPath(null, "/request/object")]
    public ManifestSubject? Object { get; init; }

    /// <summary>The existing object (UPDATE and DELETE only).</summary>
    [JsonPropertyName("oldObject")]
    [SubjectPath(null, "/request/oldObject")]
    public ManifestSubject? OldObject { get; init; }

    /// <summary>True when the request will not be persisted.</summary>
    [JsonPropertyName("dryRun")]
    [SubjectPath(null, "/request/dryRun")]
    public bool? DryRun { get; init; }

    /// <summary>The operation's options (CreateOptions, UpdateOptions, DeleteOptions), read dynamically.</summary>
    [JsonPropertyName("options")]
    [SubjectPath(null, "/request/options")]
    public DocNode? Options { get; init; }

    /// <summary>The AdmissionReview document.</summary>
    [HiddenFromPolicies]
    public required DocMap Root { get; init; }

    [HiddenFromPolicies]
    public required SourceDocument Source { get; init; }
}

/// <summary>A group, version and kind.</summary>
public sealed class GroupVersionKind
{
    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("kind")]
    public string? Kind { get; init; }
}

/// <summary>A group, version and resource.</summary>
public sealed class GroupVersionResource
{
    [JsonPropertyName("group")]
    public string? Group { get; init; }

    [JsonPropertyName("version")]
    public string? Version { get; init; }

    [JsonPropertyName("resource")]
    public string? Resource { get; init; }
}

/// <summary>The user who sent an admission request.</summary>
public sealed class AdmissionUserInfo
{
    /// <summary>The user's name, e.g. <c>system:serviceaccount:ci:deployer</c>.</summary>
    [JsonPropertyName("username")]
    public string? Username { get; init; }

    [JsonPropertyName("uid")]
    public string? Uid { get; init; }

    /// <summary>The groups the user belongs to.</summary>
    [JsonPropertyName("groups")]
    public IList<string>? Groups { get; init; }

    /// <summary>Extra attributes from the authenticator.</summary>
    [JsonPropertyName("extra")]
    public IDictionary<string, IList<string>>? Extra { get; init; }
}
