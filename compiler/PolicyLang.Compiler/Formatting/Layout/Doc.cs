// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler.Formatting.Layout;

/// <summary>
/// A layout document in the style of Wadler's "prettier printer" (as used by Prettier): text, optional line
/// breaks and groups that are printed flat when they fit in the line width and broken otherwise. Built bottom-up,
/// so each document knows whether it holds a forced break (which breaks every group around it).
/// </summary>
internal abstract class Doc
{
    public static readonly Doc Empty = new TextDoc(string.Empty, isVerbatim: false);

    /// <summary>A space when flat, a line break when broken.</summary>
    public static readonly Doc Line = new LineDoc(isSoft: false);

    /// <summary>Nothing when flat, a line break when broken.</summary>
    public static readonly Doc SoftLine = new LineDoc(isSoft: true);

    /// <summary>Always a line break; breaks every enclosing group.</summary>
    public static readonly Doc HardLine = new HardLineDoc();

    /// <summary>A line break unless the current line is still empty (then only its indentation is set); breaks every enclosing group.</summary>
    public static readonly Doc FreshLine = new FreshLineDoc();

    /// <summary>Prints nothing but breaks every enclosing group.</summary>
    public static readonly Doc BreakParent = new BreakParentDoc();

    protected Doc(bool hasForcedBreak)
    {
        HasForcedBreak = hasForcedBreak;
    }

    /// <summary>True when the document holds a hard line or a break-parent, so no group around it can be flat.</summary>
    public bool HasForcedBreak { get; }

    /// <summary>Text without line breaks, produced by the formatter itself.</summary>
    public static Doc Plain(string text) => text.Length == 0 ? Empty : new TextDoc(text, isVerbatim: false);

    /// <summary>Text copied from the source (comments, strings): never trimmed, may span lines.</summary>
    public static Doc Verbatim(string text) => new TextDoc(text.Replace("\r\n", "\n", StringComparison.Ordinal), isVerbatim: true);

    public static Doc Concat(params IEnumerable<Doc> parts)
    {
        var list = parts.Where(p => !ReferenceEquals(p, Empty)).ToArray();
        return list.Length switch
        {
            0 => Empty,
            1 => list[0],
            _ => new ConcatDoc(list),
        };
    }

    /// <summary>Lines broken inside <paramref name="content"/> are indented one level more.</summary>
    public static Doc Indent(Doc content) => ReferenceEquals(content, Empty) ? Empty : new IndentDoc(content);

    /// <summary>Printed flat when it fits in the rest of the line, otherwise with all its own lines broken.</summary>
    public static Doc Group(Doc content) => ReferenceEquals(content, Empty) ? Empty : new GroupDoc(content);

    /// <summary>
    /// Alternating contents and separators (<c>content, separator, content, …</c>): each separator breaks only when
    /// the content after it does not fit on the current line.
    /// </summary>
    public static Doc Fill(IReadOnlyList<Doc> parts) => parts.Count switch
    {
        0 => Empty,
        1 => parts[0],
        _ => new FillDoc(parts, 0),
    };

    /// <summary><paramref name="broken"/> inside a broken group, <paramref name="flat"/> inside a flat one.</summary>
    public static Doc IfBreak(Doc broken, Doc flat) => new IfBreakDoc(broken, flat);

    /// <summary>Printed with every optional break flat (only hard breaks still break), whatever the width.</summary>
    public static Doc Flat(Doc content) => ReferenceEquals(content, Empty) ? Empty : new FlatDoc(content);

    /// <summary>Text held back until just before the next line break (trailing comments).</summary>
    public static Doc LineSuffix(string text) => new LineSuffixDoc(text.Replace("\r\n", "\n", StringComparison.Ordinal));
}

internal sealed class TextDoc(string text, bool isVerbatim) : Doc(hasForcedBreak: false)
{
    public string Value { get; } = text;

    public bool IsVerbatim { get; } = isVerbatim;
}

internal sealed class LineDoc(bool isSoft) : Doc(hasForcedBreak: false)
{
    public bool IsSoft { get; } = isSoft;
}

internal sealed class HardLineDoc() : Doc(hasForcedBreak: true);

internal sealed class BreakParentDoc() : Doc(hasForcedBreak: true);

internal sealed class FreshLineDoc() : Doc(hasForcedBreak: true);

internal sealed class ConcatDoc(IReadOnlyList<Doc> parts) : Doc(parts.Any(p => p.HasForcedBreak))
{
    public IReadOnlyList<Doc> Parts { get; } = parts;
}

internal sealed class IndentDoc(Doc content) : Doc(content.HasForcedBreak)
{
    public Doc Content { get; } = content;
}

internal sealed class GroupDoc(Doc content) : Doc(content.HasForcedBreak)
{
    public Doc Content { get; } = content;
}

internal sealed class FlatDoc(Doc content) : Doc(content.HasForcedBreak)
{
    public Doc Content { get; } = content;
}

internal sealed class FillDoc(IReadOnlyList<Doc> parts, int offset) : Doc(parts.Skip(offset).Any(p => p.HasForcedBreak))
{
    public IReadOnlyList<Doc> Parts { get; } = parts;

    /// <summary>The index of the first part still to print (the renderer consumes a fill two parts at a time).</summary>
    public int Offset { get; } = offset;

    public int Count => Parts.Count - Offset;

    public Doc this[int index] => Parts[Offset + index];

    public FillDoc Rest() => new(Parts, Offset + 2);
}

internal sealed class IfBreakDoc(Doc broken, Doc flat) : Doc(broken.HasForcedBreak || flat.HasForcedBreak)
{
    public Doc WhenBroken { get; } = broken;

    public Doc WhenFlat { get; } = flat;
}

internal sealed class LineSuffixDoc(string text) : Doc(hasForcedBreak: false)
{
    public string Value { get; } = text;
}
