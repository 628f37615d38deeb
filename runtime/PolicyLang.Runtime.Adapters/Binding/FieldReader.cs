// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters.Binding;

/// <summary>
/// Reads typed fields out of a document for the subject mappers. A value of the wrong type is recorded as an
/// error naming the field's JSON pointer and its line and column, and reads as absent, so that one pass reports
/// every mismatch of a document.
/// </summary>
internal sealed class FieldReader
{
    private readonly SourceDocument _source;

    public FieldReader(SourceDocument source)
    {
        _source = source;
    }

    public List<InputMessage> Messages { get; } = [];

    public bool HasErrors => Messages.Exists(m => m.Level == InputMessageLevel.Error);

    public static string PathOf(string at, string key) => JsonPointer.Append(at, key);

    public string? String(DocMap? map, string key, string at) => String(map?[key], new FieldPath(at, key));

    public string? String(DocNode? node, FieldPath path) => node switch
    {
        null => null,
        DocScalar scalar => scalar.AsString(),
        _ => Mismatch<string>(node, path, "a string"),
    };

    public long? Integer(DocMap? map, string key, string at) => Integer(map?[key], new FieldPath(at, key));

    public long? Integer(DocNode? node, FieldPath path)
    {
        switch (node)
        {
            case null:
            case DocScalar { Kind: DocNodeKind.Null }:
                return null;
            case DocScalar { Kind: DocNodeKind.Integer } scalar when scalar.AsInteger() is { } value:
                return value;
            case DocScalar { Kind: DocNodeKind.Float } scalar when scalar.AsFloat() is { } d && Math.Floor(d) == d && Math.Abs(d) < 9e15:
                return (long)d;
            default:
                return Mismatch<long?>(node, path, "an integer");
        }
    }

    public double? Number(DocMap? map, string key, string at)
    {
        var node = map?[key];
        return node switch
        {
            null or DocScalar { Kind: DocNodeKind.Null } => null,
            DocScalar { Kind: DocNodeKind.Integer or DocNodeKind.Float } scalar when scalar.AsFloat() is { } value => value,
            _ => Mismatch<double?>(node, new FieldPath(at, key), "a number"),
        };
    }

    public bool? Boolean(DocMap? map, string key, string at) => Boolean(map?[key], new FieldPath(at, key));

    public bool? Boolean(DocNode? node, FieldPath path) => node switch
    {
        null or DocScalar { Kind: DocNodeKind.Null } => null,
        DocScalar { Kind: DocNodeKind.Boolean } scalar => scalar.AsBoolean(),
        _ => Mismatch<bool?>(node, path, "true or false"),
    };

    /// <summary>An RFC 3339 time, e.g. <c>2024-03-14T10:40:20.263957287Z</c> (digits past the 7th fraction digit are dropped).</summary>
    public DateTimeOffset? Time(DocMap? map, string key, string at) => Time(map?[key], new FieldPath(at, key));

    public DateTimeOffset? Time(DocNode? node, FieldPath path)
    {
        if (node is null or DocScalar { Kind: DocNodeKind.Null })
        {
            return null;
        }

        return node is DocScalar { Kind: DocNodeKind.String } scalar && Rfc3339.TryParse(scalar.Text, out var time)
            ? time
            : Mismatch<DateTimeOffset?>(node, path, "a time (RFC 3339, e.g. 2024-03-14T10:40:20Z)");
    }

    public DocMap? Map(DocMap? map, string key, string at) => Map(map?[key], new FieldPath(at, key));

    public DocMap? Map(DocNode? node, FieldPath path) => node switch
    {
        null or DocScalar { Kind: DocNodeKind.Null } => null,
        DocMap map => map,
        _ => Mismatch<DocMap>(node, path, "a map"),
    };

    public DocList? List(DocMap? map, string key, string at)
    {
        var node = map?[key];
        return node switch
        {
            null or DocScalar { Kind: DocNodeKind.Null } => null,
            DocList list => list,
            _ => Mismatch<DocList>(node, new FieldPath(at, key), "a list"),
        };
    }

    /// <summary>A list of scalars as strings; absent is an empty list.</summary>
    public List<string> Strings(DocMap? map, string key, string at)
    {
        var path = PathOf(at, key);
        var result = new List<string>();
        if (List(map, key, at) is not { } list)
        {
            return result;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (String(list[i], new FieldPath(path, i)) is { } text)
            {
                result.Add(text);
            }
        }

        return result;
    }

    /// <summary>A map of scalars as strings (numbers and booleans as written); absent is an empty map.</summary>
    public Dictionary<string, string> StringMap(DocMap? map, string key, string at)
    {
        var path = PathOf(at, key);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Map(map, key, at) is not { } entries)
        {
            return result;
        }

        foreach (var entry in entries.Entries)
        {
            result[entry.Key] = String(entry.Value, new FieldPath(path, entry.Key)) ?? string.Empty;
        }

        return result;
    }

    /// <summary>A list of maps, each read by <paramref name="read"/> with its own path; absent is an empty list.</summary>
    public List<T> Objects<T>(DocMap? map, string key, string at, Func<DocMap, string, T> read)
    {
        var path = PathOf(at, key);
        var result = new List<T>();
        if (List(map, key, at) is not { } list)
        {
            return result;
        }

        for (var i = 0; i < list.Count; i++)
        {
            var itemPath = JsonPointer.Append(path, i);
            if (Map(list[i], itemPath) is { } item)
            {
                result.Add(read(item, itemPath));
            }
        }

        return result;
    }

    /// <summary>Warns about fields a format does not define (a typo would otherwise read as absent, silently).</summary>
    public void WarnUnknown(DocMap? map, string at, IReadOnlySet<string> known)
    {
        if (map is null)
        {
            return;
        }

        foreach (var entry in map.Entries)
        {
            // apiVersion and kind at the top name PolicyLang's own document types (policylang.io/v1).
            if (!known.Contains(entry.Key) && !(at.Length == 0 && entry.Key is "apiVersion" or "kind"))
            {
                var path = PathOf(at, entry.Key);
                Messages.Add(new InputMessage(InputMessageLevel.Warning, $"{path}: unknown field '{entry.Key}' is ignored", _source.File, _source.Document, entry.KeyLine, entry.KeyColumn));
            }
        }
    }

    /// <summary>Records an error at a node.</summary>
    public void Error(DocNode node, string path, string message) =>
        Messages.Add(new InputMessage(InputMessageLevel.Error, (path.Length == 0 ? "/" : path) + ": " + message, _source.File, _source.Document, node.Line, node.Column));

    private T? Mismatch<T>(DocNode node, FieldPath path, string expected)
    {
        Error(node, path.ToString(), "expected " + expected + ", found " + Describe(node));
        return default;
    }

    private static string Describe(DocNode node) => node switch
    {
        DocMap => "a map",
        DocList => "a list",
        DocScalar { Kind: DocNodeKind.Null } => "null",
        DocScalar { Kind: DocNodeKind.String } s => "the string '" + Shorten(s.Text) + "'",
        DocScalar { Kind: DocNodeKind.Boolean } s => s.Text,
        DocScalar s => "the number " + Shorten(s.Text),
        _ => node.Kind.ToString(),
    };

    private static string Shorten(string text) =>
        text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…(", text.Length.ToString(CultureInfo.InvariantCulture), " characters)");
}
