// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>
/// Lenient reads for sensor output (Falco, Tetragon), whose field formats vary across versions: a number may come
/// as <c>0</c> or <c>"0(root)"</c>, a flag as <c>true</c> or <c>"true"</c>. What cannot be read is absent.
/// </summary>
internal static class SensorValues
{
    public static string? String(DocNode? node) => node is DocScalar { IsNull: false } scalar && scalar.Text.Length > 0 ? scalar.Text : null;

    public static long? Integer(DocNode? node)
    {
        if (node is not DocScalar { IsNull: false } scalar)
        {
            return null;
        }

        if (scalar.AsInteger() is { } value)
        {
            return value;
        }

        // "0(root)", "-2(ENOENT)": the leading number.
        var text = scalar.Text.AsSpan().Trim();
        var end = text.Length > 0 && text[0] == '-' ? 1 : 0;
        while (end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return long.TryParse(text[..end], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var leading) ? leading : null;
    }

    public static bool? Boolean(DocNode? node) => node switch
    {
        DocScalar { Kind: DocNodeKind.Boolean } scalar => scalar.AsBoolean(),
        DocScalar { Kind: DocNodeKind.String, Text: "true" or "True" } => true,
        DocScalar { Kind: DocNodeKind.String, Text: "false" or "False" } => false,
        _ => null,
    };

    public static DocMap? Map(DocNode? node) => node as DocMap;
}
