// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Scopes;

namespace PolicyLang.Bundles.Bindings;

/// <summary>
/// Reads the scope maps of bindings and exceptions (<c>match</c>, <c>exclude</c>): kinds, namespaces and names as
/// lists of strings (globs for namespaces and names), labels as a selector (<c>"app=web,!legacy"</c>) or a map, and
/// operations; each problem is reported with the node it is about.
/// </summary>
internal static class ScopeReader
{
    /// <summary>Every scope field.</summary>
    public static readonly IReadOnlyList<string> AllFields = ["kinds", "namespaces", "names", "labels", "operations"];

    /// <summary>Reads a scope map, or null when the node is absent or null; each problem goes to <paramref name="error"/>.</summary>
    /// <param name="node">The <c>match</c> (or <c>exclude</c>) node.</param>
    /// <param name="error">Receives each problem with the node it is about.</param>
    /// <param name="fieldNames">The fields allowed (all of them by default).</param>
    public static ScopeFields? Read(DocNode? node, Action<DocNode, string> error, IReadOnlyList<string>? fieldNames = null)
    {
        if (node is null or DocScalar { IsNull: true })
        {
            return null;
        }

        var allowed = fieldNames ?? AllFields;
        if (node is not DocMap map)
        {
            error(node, $"match and exclude must be maps ({string.Join(", ", allowed)})");
            return null;
        }

        foreach (var entry in map.Entries.Where(e => !allowed.Contains(e.Key)))
        {
            error(entry.Value, $"unknown scope field '{entry.Key}' (expected {string.Join(", ", allowed)})");
        }

        IReadOnlyList<string> List(string field)
        {
            switch (map[field])
            {
                case null:
                    return [];
                case DocList list when list.Items.All(i => i is DocScalar { IsNull: false }):
                    return list.Items.Cast<DocScalar>().Select(s => s.Text).ToArray();
                case var other:
                    error(other, $"{field} must be a list of strings");
                    return [];
            }
        }

        string? labels = null;
        switch (map["labels"])
        {
            case null:
                break;
            case DocScalar { IsNull: false } text:
                labels = text.Text;
                break;
            case DocMap pairs when pairs.Entries.All(e => e.Value is DocScalar):
                labels = string.Join(",", pairs.Entries.Select(e => $"{e.Key}={((DocScalar)e.Value).Text}"));
                break;
            case var other:
                error(other, "labels must be a label selector (\"app=web,!legacy\") or a map of labels");
                break;
        }

        if (labels is not null)
        {
            try
            {
                LabelSelector.Parse(labels);
            }
            catch (FormatException e)
            {
                error(map["labels"] ?? map, $"invalid label selector: {e.Message}");
            }
        }

        return new ScopeFields { Kinds = List("kinds"), Namespaces = List("namespaces"), Names = List("names"), Labels = labels, Operations = List("operations") };
    }

    /// <summary>The fields of a scope map.</summary>
    public sealed record ScopeFields
    {
        public IReadOnlyList<string> Kinds { get; init; } = [];

        public IReadOnlyList<string> Namespaces { get; init; } = [];

        public IReadOnlyList<string> Names { get; init; } = [];

        public string? Labels { get; init; }

        public IReadOnlyList<string> Operations { get; init; } = [];
    }
}
