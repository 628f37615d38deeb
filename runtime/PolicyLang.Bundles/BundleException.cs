// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Bundles;

/// <summary>A bundle (or a bindings file, or a key) that cannot be used; the message says which file and why.</summary>
public sealed class BundleException : Exception
{
    public BundleException(string message)
        : base(message)
    {
    }

    public BundleException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public BundleException()
    {
    }
}
