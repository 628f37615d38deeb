// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters;

/// <summary>How serious an input message is.</summary>
public enum InputMessageLevel
{
    /// <summary>The document (or file) could not be read; nothing was evaluated from it.</summary>
    Error,

    /// <summary>The document was read, but something in it is probably wrong (e.g. an unknown field).</summary>
    Warning,

    /// <summary>For information: a document was skipped on purpose (e.g. it is not a Kubernetes object).</summary>
    Notice,
}
