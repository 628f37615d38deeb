// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>A watch asked for a resource version the API server no longer has (410 Gone): the resource must be listed again.</summary>
public sealed class ResourceVersionExpiredException : Exception
{
    public ResourceVersionExpiredException(string message)
        : base(message)
    {
    }
}
