// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>The audit cannot go on: the API server refused or failed a request; the message says which and why.</summary>
public sealed class AuditException : Exception
{
    public AuditException(string message)
        : base(message)
    {
    }

    public AuditException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
