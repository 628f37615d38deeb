// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting.Layout;
using static PolicyLang.Compiler.Formatting.Layout.Doc;

namespace PolicyLang.Compiler.Formatting;

/// <summary>Placing comments: every comment is taken from the queue at the first place the printer reaches after it.</summary>
internal sealed partial class SyntaxPrinter
{
    /// <summary>Comments before a line-level item (declaration, clause, statement), each on its own line, then the item.</summary>
    private Doc LeadingLines(int position) => CommentLines(_comments.TakeBefore(position), position);

    /// <summary>A line-level item with the comments before it (see <see cref="UnderPragma"/>).</summary>
    private Doc LineItem(int start, int end, Func<Doc> print)
    {
        var comments = _comments.TakeBefore(start);
        var leading = CommentLines(comments, start);
        return Concat(leading, UnderPragma(comments, start, end, print()));
    }

    /// <summary>
    /// A pragma silences the line after it, so an item right under a pragma that was on one line stays on one line
    /// (whatever the width): wrapping it would move part of it out of the pragma's reach.
    /// </summary>
    private Doc UnderPragma(IReadOnlyList<Comment> comments, int start, int end, Doc item) =>
        comments.Count > 0 && comments[^1].IsPragma && _source.GetLinePosition(start).Line == _source.GetLinePosition(end).Line
            ? Flat(item)
            : item;

    /// <summary>
    /// Comments on lines of their own (a block comment followed by code on its line stays inline), keeping single blank
    /// lines between them, and before the item at <paramref name="before"/> if there is one, except after a doc comment,
    /// which stays directly above its declaration. (A blank line after a pragma is kept: without it the pragma would
    /// start silencing the next line.)
    /// </summary>
    private Doc CommentLines(IReadOnlyList<Comment> comments, int? before)
    {
        var parts = new List<Doc>();
        for (var i = 0; i < comments.Count; i++)
        {
            var comment = comments[i];
            if (i > 0 && comment.BlankBefore && comments[i - 1] is { EndsLine: true, IsDoc: false })
            {
                parts.Add(HardLine);
            }

            parts.Add(Verbatim(comment.Text));
            var isLast = i == comments.Count - 1;
            if (comment.EndsLine)
            {
                if (!isLast || before is not null)
                {
                    parts.Add(HardLine);
                }
            }
            else if (!isLast || before is not null)
            {
                parts.Add(Plain(" "));
            }
        }

        if (before is { } position && comments.Count > 0 && comments[^1] is { EndsLine: true, IsDoc: false } && _comments.BlankLineBefore(position))
        {
            parts.Add(HardLine);
        }

        return Concat(parts);
    }

    /// <summary>Comments before an item of a list or a flow: inline block comments stay inline, the others get their own line.</summary>
    private static Doc InlineOrLines(IReadOnlyList<Comment> comments) =>
        Concat(comments.Select(c => c.EndsLine ? Concat(Verbatim(c.Text), HardLine) : Concat(Verbatim(c.Text), Plain(" "))));

    /// <summary>Comments met in the middle of an expression: block comments inline, a line comment ends the line.</summary>
    private Doc Inline(int position)
    {
        var comments = _comments.TakeBefore(position);
        return comments.Count == 0 ? Empty : Indent(InlineComments(comments));
    }

    /// <summary>
    /// Comments between a keyword or operator and the expression after it, inside a flow whose continuation lines are
    /// already indented: as <see cref="Inline"/>, but the line after a line comment is not indented further.
    /// </summary>
    private Doc InlineInFlow(int position) => InlineComments(_comments.TakeBefore(position));

    /// <summary>
    /// Block comments stay inline; a line comment that followed code goes to the end of the current line, one that
    /// stood on a line of its own gets a line of its own; code goes on after a line break.
    /// </summary>
    private static Doc InlineComments(IReadOnlyList<Comment> comments)
    {
        var parts = new List<Doc>();
        var atLineStart = false;
        foreach (var comment in comments)
        {
            if (!comment.IsLine)
            {
                parts.Add(Concat(Verbatim(comment.Text), Plain(" ")));
                atLineStart = false;
                continue;
            }

            if (atLineStart)
            {
                parts.Add(Concat(Verbatim(comment.Text), HardLine));
            }
            else if (comment.StartsLine)
            {
                parts.Add(Concat(FreshLine, Verbatim(comment.Text), HardLine));
            }
            else
            {
                parts.Add(Concat(LineSuffix(" " + comment.Text), HardLine));
            }

            atLineStart = true;
        }

        return Concat(parts);
    }

    /// <summary>Comments after the code ending at <paramref name="end"/> on its line: kept at the end of that line.</summary>
    private Doc Trailing(int end) => TrailingDoc(_comments.TakeTrailing(end));

    private static Doc TrailingDoc(IReadOnlyList<Comment> comments) =>
        comments.Count == 0 ? Empty : Concat(comments.Select(c => LineSuffix(" " + c.Text)).Append(BreakParent));

    /// <summary>
    /// Comments before the closing bracket of a group that breaks before it: those on lines of their own (and line
    /// comments right after the opening bracket) get lines of their own and break the group, a line comment after code
    /// goes to the end of that line, a block comment after code stays inline.
    /// </summary>
    private Doc Dangling(int closePosition, bool hasContent = true, bool afterLineComment = false)
    {
        var parts = new List<Doc>();
        var atLineStart = !hasContent || afterLineComment;
        foreach (var comment in _comments.TakeBefore(closePosition))
        {
            var separator = parts.Count > 0 || hasContent;
            if (comment.StartsLine || (atLineStart && comment.IsLine))
            {
                parts.Add(Concat(separator ? FreshLine : Empty, Verbatim(comment.Text), BreakParent));
                atLineStart = true;
            }
            else if (comment.IsLine)
            {
                parts.Add(Concat(LineSuffix(" " + comment.Text), BreakParent));
                atLineStart = true;
            }
            else
            {
                parts.Add(Concat(separator ? Plain(" ") : Empty, Verbatim(comment.Text)));
            }
        }

        return Concat(parts);
    }
}
