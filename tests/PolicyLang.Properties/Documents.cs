// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Properties;

/// <summary>Builds subjects from JSON, with positions (line 1, column 1) so findings carry locations.</summary>
internal static class Documents
{
    public static ManifestSubject Manifest(string json, string file = "input.json") =>
        new((DocMap)FromJson(JsonDocument.Parse(json).RootElement), new SourceDocument(file, 0, 1));

    public static DocNode FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => new DocMap(element.EnumerateObject().Select(p => new DocEntry(p.Name, FromJson(p.Value), 1, 1)).ToArray(), 1, 1),
        JsonValueKind.Array => new DocList(element.EnumerateArray().Select(FromJson).ToArray(), 1, 1),
        JsonValueKind.String => new DocScalar(DocNodeKind.String, element.GetString() ?? string.Empty, 1, 1),
        JsonValueKind.Number => new DocScalar(element.TryGetInt64(out _) ? DocNodeKind.Integer : DocNodeKind.Float, element.GetRawText(), 1, 1),
        JsonValueKind.True => new DocScalar(DocNodeKind.Boolean, "true", 1, 1),
        JsonValueKind.False => new DocScalar(DocNodeKind.Boolean, "false", 1, 1),
        _ => new DocScalar(DocNodeKind.Null, string.Empty, 1, 1),
    };
}
