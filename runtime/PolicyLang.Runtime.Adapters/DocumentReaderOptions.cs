// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters;

/// <summary>Limits that keep reading safe on hostile or broken input. Each broken limit is an error naming file and line.</summary>
public sealed record DocumentReaderOptions
{
    public static readonly DocumentReaderOptions Default = new();

    /// <summary>The deepest nesting of maps and lists allowed in a document.</summary>
    public int MaxDepth { get; init; } = 256;

    /// <summary>The longest scalar allowed, in characters (16 MiB).</summary>
    public int MaxScalarLength { get; init; } = 16 * 1024 * 1024;

    /// <summary>The largest document allowed, in characters of its text (64 MiB). Larger ones are skipped with an error.</summary>
    public int MaxDocumentLength { get; init; } = 64 * 1024 * 1024;

    /// <summary>
    /// How many nodes aliases may add to a document when expanded (an alias to a node of 10 nodes adds 10),
    /// so that an "alias bomb" cannot make later consumers build billions of nodes.
    /// </summary>
    public long MaxAliasExpansion { get; init; } = 1_000_000;

    /// <summary>
    /// Reads documents that are one valid JSON value with a JSON reader instead of the YAML parser: the same trees and
    /// positions, faster. Off only in tests that compare the two.
    /// </summary>
    internal bool ReadJsonDirectly { get; init; } = true;

    /// <summary>
    /// Reads event streams in JSON lines on the fast path (<c>Events/JsonLinesEventReader</c>): lines split on bytes, events
    /// mapped straight from the JSON reader, the same items. Off only in tests that compare the two.
    /// </summary>
    internal bool ReadEventsDirectly { get; init; } = true;

    /// <summary>The longest line, in bytes, the event fast path reads itself (1 MiB); tests lower it to reach the hand-off often.</summary>
    internal int EventLineLimit { get; init; } = 1024 * 1024;
}
