// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Runtime.Adapters;

/// <summary>
/// An error, warning or notice about input: what went wrong and where (file as given, document index, line and column).
/// </summary>
/// <param name="Level">How serious it is.</param>
/// <param name="Text">The message, without the place.</param>
/// <param name="File">The file as given ("-" for stdin).</param>
/// <param name="Document">0-based index of the document within the file, or null when the message is about the whole file.</param>
/// <param name="Line">1-based line, or 0 when unknown.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
public sealed record InputMessage(InputMessageLevel Level, string Text, string File, int? Document = null, int Line = 0, int Column = 0)
{
    /// <summary>The place as a source location, or null when the line is unknown.</summary>
    public SourceLocation? Location => Line > 0 ? new SourceLocation(File, Line, Column) : null;

    /// <summary>The place, e.g. <c>deploy.yaml:12:5</c> (or just the file when the line is unknown).</summary>
    public string Place =>
        Line <= 0 ? File
        : Column <= 0 ? File + ":" + Line.ToString(CultureInfo.InvariantCulture)
        : File + ":" + Line.ToString(CultureInfo.InvariantCulture) + ":" + Column.ToString(CultureInfo.InvariantCulture);

    /// <summary>The message as the runtime's input error (for <see cref="SubjectResult"/>s).</summary>
    public InputError ToInputError() => new(Location is null ? File + ": " + WithDocument() : WithDocument(), Location);

    /// <summary>
    /// One line for people: <c>deploy.yaml:12:5: error: duplicate key 'name' (first at line 9) (document 2)</c>.
    /// </summary>
    public override string ToString() => Place + ": " + LevelName + ": " + WithDocument();

    private string LevelName => Level switch
    {
        InputMessageLevel.Error => "error",
        InputMessageLevel.Warning => "warning",
        _ => "notice",
    };

    private string WithDocument() =>
        Document is { } index ? Text + " (document " + index.ToString(CultureInfo.InvariantCulture) + ")" : Text;
}
