// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Formatting;

/// <summary>
/// The comments of a tree in source order, handed out once each as the printer walks the tree in source order:
/// every comment before a position the printer reaches is taken there, so no comment can be lost.
/// Also answers the questions about the source layout that comment placement needs.
/// </summary>
internal sealed partial class CommentQueue
{
    private readonly SourceText _source;
    private readonly IReadOnlyList<SyntaxToken> _comments;
    private readonly IReadOnlyList<SyntaxToken> _codeTokens;
    private int _next;

    public CommentQueue(SyntaxTree tree)
    {
        _source = tree.Source;
        _comments = tree.Comments.OrderBy(c => c.Span.Start).ToArray();
        _codeTokens = tree.Tokens.Where(t => t.Kind is not (SyntaxTokenKind.Comment or SyntaxTokenKind.DocComment)).OrderBy(t => t.Span.Start).ToArray();
    }

    /// <summary>How many comments have been taken so far (a mark for <see cref="SpanOfTakenSince"/>).</summary>
    public int Taken => _next;

    /// <summary>The span covering <paramref name="span"/> and every comment taken since <paramref name="mark"/>.</summary>
    public TextSpan SpanOfTakenSince(int mark, TextSpan span)
    {
        for (var i = mark; i < _next; i++)
        {
            span = span.Cover(_comments[i].Span);
        }

        return span;
    }

    /// <summary>Takes every remaining comment that starts before <paramref name="position"/>.</summary>
    public IReadOnlyList<Comment> TakeBefore(int position)
    {
        var result = new List<Comment>();
        while (_next < _comments.Count && _comments[_next].Span.Start < position)
        {
            result.Add(Describe(_comments[_next++]));
        }

        return result;
    }

    /// <summary>True when a comment not yet taken starts before <paramref name="position"/>.</summary>
    public bool AnyBefore(int position) => _next < _comments.Count && _comments[_next].Span.Start < position;

    /// <summary>Takes every remaining comment.</summary>
    public IReadOnlyList<Comment> TakeRest() => TakeBefore(int.MaxValue);

    /// <summary>
    /// Takes the comments that trail the code ending at <paramref name="position"/>: on the same line, with nothing but
    /// commas between, and reaching the end of that line.
    /// </summary>
    public IReadOnlyList<Comment> TakeTrailing(int position)
    {
        var line = _source.GetLinePosition(position).Line;
        var candidates = new List<Comment>();
        for (var i = _next; i < _comments.Count; i++)
        {
            var comment = _comments[i];
            if (comment.Span.Start < position || _source.GetLinePosition(comment.Span.Start).Line != line || HasCodeBetween(position, comment.Span.Start))
            {
                break;
            }

            var described = Describe(comment);
            candidates.Add(described);
            if (described.EndsLine)
            {
                _next = i + 1;
                return candidates;
            }
        }

        return [];
    }

    /// <summary>The start of the first token (not a comment) at or after <paramref name="position"/>, or the end of the text.</summary>
    public int NextTokenStart(int position)
    {
        var index = FirstTokenAtOrAfter(position);
        return index < _codeTokens.Count ? _codeTokens[index].Span.Start : _source.Length;
    }

    /// <summary>The start of the first token spelled <paramref name="text"/> at or after <paramref name="position"/>, or null.</summary>
    public int? FindToken(string text, int position)
    {
        for (var i = FirstTokenAtOrAfter(position); i < _codeTokens.Count; i++)
        {
            if (_codeTokens[i].Text == text)
            {
                return _codeTokens[i].Span.Start;
            }
        }

        return null;
    }

    /// <summary>The tokens (not comments) inside <paramref name="span"/>.</summary>
    public IEnumerable<SyntaxToken> TokensIn(TextSpan span)
    {
        for (var i = FirstTokenAtOrAfter(span.Start); i < _codeTokens.Count && _codeTokens[i].Span.End <= span.End; i++)
        {
            yield return _codeTokens[i];
        }
    }

    /// <summary>True when only whitespace with at least two line breaks comes right before <paramref name="position"/>.</summary>
    public bool BlankLineBefore(int position)
    {
        var text = _source.Text;
        var breaks = 0;
        for (var i = Math.Min(position, text.Length) - 1; i >= 0; i--)
        {
            var ch = text[i];
            if (ch == '\n' || (ch == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                breaks++;
            }
            else if (ch is not (' ' or '\t' or '\f' or '\r'))
            {
                break;
            }
        }

        return breaks >= 2;
    }

    /// <summary>The start of the line holding <paramref name="position"/> when only spaces come before it on that line.</summary>
    public int LineStartIfIndented(int position)
    {
        var text = _source.Text;
        var i = position;
        while (i > 0 && text[i - 1] is ' ' or '\t' or '\f')
        {
            i--;
        }

        return i == 0 || text[i - 1] is '\n' or '\r' ? i : position;
    }

    private Comment Describe(SyntaxToken token)
    {
        var text = _source.Text;
        var isLine = token.Text.StartsWith("//", StringComparison.Ordinal);
        var end = token.Span.End;
        while (end < text.Length && text[end] is ' ' or '\t' or '\f')
        {
            end++;
        }

        var endsLine = isLine || end >= text.Length || text[end] is '\n' or '\r';
        var start = token.Span.Start;
        while (start > 0 && text[start - 1] is ' ' or '\t' or '\f')
        {
            start--;
        }

        var startsLine = start == 0 || text[start - 1] is '\n' or '\r';
        var isDoc = token.Kind == SyntaxTokenKind.DocComment;

        // Trailing spaces of ordinary line comments are dropped; doc comments are kept as written (they are part of the tree).
        var written = isLine && !isDoc ? token.Text.TrimEnd() : token.Text;
        return new Comment(written, token.Span, isLine, startsLine, endsLine, isDoc, !isDoc && Pragma().IsMatch(token.Text), BlankLineBefore(token.Span.Start));
    }

    private bool HasCodeBetween(int start, int end)
    {
        for (var i = FirstTokenAtOrAfter(start); i < _codeTokens.Count && _codeTokens[i].Span.Start < end; i++)
        {
            if (_codeTokens[i].Text != ",")
            {
                return true;
            }
        }

        return false;
    }

    private int FirstTokenAtOrAfter(int position)
    {
        int low = 0, high = _codeTokens.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (_codeTokens[mid].Span.Start < position)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    [GeneratedRegex(@"^//\s*policylang:")]
    private static partial Regex Pragma();
}

/// <summary>
/// One comment as written, with where it stood: whether it starts or ends its source line and whether a blank line
/// preceded it.
/// <see cref="IsPragma"/> marks <c>// policylang:…</c> pragmas, which apply to the line after them.
/// </summary>
internal sealed record Comment(string Text, TextSpan Span, bool IsLine, bool StartsLine, bool EndsLine, bool IsDoc, bool IsPragma, bool BlankBefore);
