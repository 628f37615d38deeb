// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting.Layout;
using PolicyLang.Compiler.Syntax;
using static PolicyLang.Compiler.Formatting.Layout.Doc;

namespace PolicyLang.Compiler.Formatting;

/// <summary>Statements, braced blocks and the flows of clauses (<c>at</c>, <c>when</c>, <c>where</c>) that wrap at the line width.</summary>
internal sealed partial class SyntaxPrinter
{
    private Doc Statement(StatementSyntax statement) => statement switch
    {
        LetStatementSyntax let => Concat(Plain("let "), Identifier(let.Name), Plain(" = "), Expression(let.Value)),
        ForStatementSyntax loop => For(loop),
        IfStatementSyntax conditional => If(conditional),
        ActionStatementSyntax action => Action(action),
        MutateStatementSyntax mutate => Mutate(mutate),
        BlockStatementSyntax block => Block(block),
        _ => Verbatim(_source[statement.Span]),
    };

    /// <summary>A block body goes after the header (<c>… {</c>); a single statement goes on the next line, indented once.</summary>
    private Doc Body(StatementSyntax body, int? headerEnd)
    {
        var trailing = headerEnd is { } end ? Trailing(end) : Empty;
        return body is BlockStatementSyntax block
            ? Concat(trailing, Plain(" "), Block(block))
            : Concat(trailing, Indent(Concat(HardLine, LineItem(body.Span.Start, body.Span.End, () => Statement(body)))));
    }

    private Doc Block(BlockStatementSyntax block) =>
        Braced(block.Span.Start + 1, block.Statements.Select(s => new ListItem(s.Span.Start, s.Span.End, () => Statement(s))).ToList(), block.Span.End - 1);

    /// <summary>
    /// <c>{</c>, one item per line indented once (single blank lines between items kept), <c>}</c>; <c>{}</c> when empty.
    /// </summary>
    private Doc Braced(int openEnd, IReadOnlyList<ListItem> items, int closePosition)
    {
        var open = Concat(Plain("{"), Trailing(openEnd));
        var inner = new List<Doc>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var comments = _comments.TakeBefore(item.Start);
            inner.Add(HardLine);
            if (i > 0 && _comments.BlankLineBefore(comments.Count > 0 ? comments[0].Span.Start : item.Start))
            {
                inner.Add(HardLine);
            }

            inner.Add(CommentLines(comments, item.Start));
            inner.Add(UnderPragma(comments, item.Start, item.End, item.Print()));
            inner.Add(Trailing(item.End));
        }

        var dangling = _comments.TakeBefore(closePosition);
        if (dangling.Count > 0)
        {
            inner.Add(HardLine);
            if (items.Count > 0 && _comments.BlankLineBefore(dangling[0].Span.Start))
            {
                inner.Add(HardLine);
            }

            inner.Add(CommentLines(dangling, before: null));
        }

        return inner.Count == 0 && !open.HasForcedBreak
            ? Plain("{}")
            : Concat(open, Indent(Concat(inner)), HardLine, Plain("}"));
    }

    private Doc For(ForStatementSyntax loop)
    {
        var items = new List<FlowItem>
        {
            FlowPart(
                loop.Span.Start,
                () => Concat(
                    Plain("for "),
                    Identifier(loop.Variable),
                    loop.SecondVariable is null ? Empty : Concat(Plain(", "), Identifier(loop.SecondVariable)),
                    Plain(" in "),
                    Expression(loop.Collection)),
                loop.Filter is null ? null : loop.Collection.Span.End),
        };
        if (loop.Filter is { } filter)
        {
            items.Add(FlowPart(_comments.NextTokenStart(loop.Collection.Span.End), () => KeywordThen("where ", filter), trailingEnd: null));
        }

        var header = Indent(Flow(items));
        return Concat(header, Body(loop.Body, (loop.Filter ?? loop.Collection).Span.End));
    }

    /// <summary><c>if c { … } else { … }</c>, <c>} else if …</c>; single-statement branches on their own lines.</summary>
    private Doc If(IfStatementSyntax conditional)
    {
        var parts = new List<Doc> { Plain("if "), Expression(conditional.Condition), Body(conditional.Then, conditional.Condition.Span.End) };
        if (conditional.Else is { } otherwise)
        {
            parts.Add(Trailing(conditional.Then.Span.End));
            var elseKeyword = _comments.NextTokenStart(conditional.Then.Span.End);
            var comments = _comments.TakeBefore(elseKeyword);
            parts.Add(conditional.Then is BlockStatementSyntax && comments.Count == 0 ? Plain(" ") : Concat(HardLine, CommentLines(comments, elseKeyword)));
            parts.Add(Plain("else"));
            parts.Add(otherwise is IfStatementSyntax elseIf
                ? Concat(Trailing(elseKeyword + 4), Plain(" "), If(elseIf))
                : Body(otherwise, elseKeyword + 4));
        }

        return Concat(parts);
    }

    /// <summary><c>deny message at field when condition</c>: <c>at</c> and <c>when</c> wrap onto lines indented once more.</summary>
    private Doc Action(ActionStatementSyntax action)
    {
        var keyword = action.Action switch
        {
            ActionKind.Deny => "deny",
            ActionKind.Warn => "warn",
            ActionKind.Audit => "audit",
            _ => "alert",
        };
        var end = action.Message?.Span.End ?? action.KeywordSpan.End;
        var items = new List<FlowItem>
        {
            FlowPart(
                action.Span.Start,
                () => action.Message is null ? Plain(keyword) : Concat(Plain(keyword + " "), Expression(action.Message)),
                action.At is null && action.When is null ? null : end),
        };
        if (action.At is { } at)
        {
            items.Add(FlowPart(_comments.NextTokenStart(end), () => KeywordThen("at ", at), action.When is null ? null : at.Span.End));
            end = at.Span.End;
        }

        if (action.When is { } condition)
        {
            items.Add(FlowPart(_comments.NextTokenStart(end), () => KeywordThen("when ", condition), trailingEnd: null));
        }

        return Indent(Flow(items));
    }

    private Doc Mutate(MutateStatementSyntax mutate)
    {
        var items = new List<FlowItem>
        {
            FlowPart(
                mutate.Span.Start,
                () => mutate.IsRemove || mutate.Value is null
                    ? Concat(Plain("mutate remove "), Expression(mutate.Target))
                    : Concat(Plain("mutate set "), Expression(mutate.Target), Plain(" = "), Expression(mutate.Value)),
                mutate.When is null ? null : (mutate.Value ?? mutate.Target).Span.End),
        };
        if (mutate.When is { } condition)
        {
            items.Add(FlowPart(_comments.NextTokenStart((mutate.Value ?? mutate.Target).Span.End), () => KeywordThen("when ", condition), trailingEnd: null));
        }

        return Indent(Flow(items));
    }

    /// <summary>
    /// One part of a flow: the comments before its keyword, its text, and the comments trailing it. Own-line comments
    /// force a break before the part, trailing comments a break after it.
    /// </summary>
    private FlowItem FlowPart(int keywordPosition, Func<Doc> content, int? trailingEnd)
    {
        var comments = _comments.TakeBefore(keywordPosition);
        var leading = InlineOrLines(comments);
        var body = content();
        var trailing = trailingEnd is { } end ? _comments.TakeTrailing(end) : [];
        return new FlowItem(Concat(leading, body, TrailingDoc(trailing)), comments.Any(c => c.EndsLine), trailing.Count > 0);
    }

    /// <summary>A flow part: a keyword (or operator) and an expression.</summary>
    private Doc KeywordThen(string keyword, ExpressionSyntax expression) => Concat(Plain(keyword), InlineInFlow(expression.Span.Start), Expression(expression));

    /// <summary>Parts separated by spaces that turn into line breaks where the next part would not fit.</summary>
    private static Doc Flow(IReadOnlyList<FlowItem> items)
    {
        var parts = new List<Doc>();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                parts.Add(items[i - 1].BreakAfter || items[i].BreakBefore ? HardLine : Line);
            }

            parts.Add(items[i].Content);
        }

        return Fill(parts);
    }

    private readonly record struct FlowItem(Doc Content, bool BreakBefore, bool BreakAfter);

    /// <summary>An item of a list or block: its source extent (for comments) and how to print it.</summary>
    private readonly record struct ListItem(int Start, int End, Func<Doc> Print);
}
