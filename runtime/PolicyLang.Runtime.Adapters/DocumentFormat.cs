// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters;

/// <summary>How a stream of text is split into documents.</summary>
public enum DocumentFormat
{
    /// <summary>
    /// JSON lines when the first non-blank line is a complete JSON object or array on its own;
    /// otherwise a YAML stream (which also covers a JSON file holding one value over many lines).
    /// </summary>
    Auto,

    /// <summary>A YAML stream: documents separated by <c>---</c> (JSON is YAML flow syntax, so one JSON value works too).</summary>
    Yaml,

    /// <summary>JSON lines: one JSON value per non-blank line, each line a document.</summary>
    JsonLines,
}
