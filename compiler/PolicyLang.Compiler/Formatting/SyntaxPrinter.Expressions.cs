// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting.Layout;
using PolicyLang.Compiler.Syntax;
using static PolicyLang.Compiler.Formatting.Layout.Doc;

namespace PolicyLang.Compiler.Formatting;

/// <summary>Expressions. Literals and strings are copied from the source; parentheses are printed exactly where written.</summary>
internal sealed partial class SyntaxPrinter
{
    private Doc Expression(ExpressionSyntax expression) => Concat(Inline(expression.Span.Start), ExpressionCore(expression));

    private ListItem ExpressionItem(ExpressionSyntax expression) => new(expression.Span.Start, expression.Span.End, () => Expression(expression));

    private Doc ExpressionCore(ExpressionSyntax expression) => expression switch
    {
        LiteralExpressionSyntax literal => literal.Kind == LiteralKind.String ? Verbatim(literal.Text) : Plain(literal.Text),
        InterpolatedStringSyntax => Verbatim(_source[expression.Span]),
        NameExpressionSyntax name => Identifier(name.Name),
        MemberAccessExpressionSyntax member => Concat(Expression(member.Target), Plain("."), Identifier(member.Member)),
        IndexExpressionSyntax index => Concat(Expression(index.Target), Plain("["), Expression(index.Index), DanglingInline(index.Span.End - 1), Plain("]")),
        CallExpressionSyntax call => Concat(
            call.Receiver is null ? Empty : Concat(Expression(call.Receiver), Plain(".")),
            Identifier(call.Function),
            Bracketed("(", ")", call.Arguments.Select(ExpressionItem).ToList(), call.Span.End - 1)),
        UnaryExpressionSyntax unary => Concat(Plain(unary.Operator == UnaryOperator.Not ? "not " : "-"), Expression(unary.Operand)),
        BinaryExpressionSyntax { Operator: BinaryOperator.And or BinaryOperator.Or or BinaryOperator.Default } chain => Chain(chain),
        BinaryExpressionSyntax binary => Concat(
            Expression(binary.Left),
            Plain(" "),
            Inline(binary.OperatorSpan.Start),
            Plain(OperatorText(binary.Operator) + " "),
            Expression(binary.Right)),
        ConditionalExpressionSyntax conditional => Conditional(conditional),
        QuantifierExpressionSyntax quantifier => Quantifier(quantifier),
        ComprehensionExpressionSyntax comprehension => Comprehension(comprehension),
        ListExpressionSyntax list => Bracketed("[", "]", list.Elements.Select(ExpressionItem).ToList(), list.Span.End - 1),
        SetExpressionSyntax set => Bracketed("{", "}", set.Elements.Select(ExpressionItem).ToList(), set.Span.End - 1),
        MapExpressionSyntax map => Bracketed(
            "{",
            "}",
            map.Entries.Select(e => new ListItem(e.Span.Start, e.Span.End, () => Concat(Expression(e.Key), Plain(": "), Expression(e.Value)))).ToList(),
            map.Span.End - 1),
        ParenthesizedExpressionSyntax parenthesized => Concat(Plain("("), Expression(parenthesized.Inner), DanglingInline(parenthesized.Span.End - 1), Plain(")")),
        _ => Verbatim(_source[expression.Span]),
    };

    private static string OperatorText(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Modulo => "%",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Less => "<",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Greater => ">",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.And => "and",
        BinaryOperator.Or => "or",
        BinaryOperator.In => "in",
        BinaryOperator.NotIn => "not in",
        _ => "??",
    };

    /// <summary>
    /// A chain of one operator (<c>and</c>, <c>or</c>, <c>??</c>): as many operands per line as fit, continuation lines
    /// indented once more and starting with the operator.
    /// </summary>
    private Doc Chain(BinaryExpressionSyntax chain)
    {
        var (first, links) = Links(chain);
        var op = OperatorText(chain.Operator) + " ";
        var items = new List<FlowItem> { FlowPart(first.Span.Start, () => Expression(first), first.Span.End) };
        for (var i = 0; i < links.Count; i++)
        {
            var (operatorStart, operand) = links[i];
            items.Add(FlowPart(operatorStart, () => KeywordThen(op, operand), i == links.Count - 1 ? null : operand.Span.End));
        }

        return Indent(Flow(items));
    }

    /// <summary>The operands of a chain in source order: the first, then each operator position with the operand after it.</summary>
    private static (ExpressionSyntax First, List<(int OperatorStart, ExpressionSyntax Operand)> Links) Links(BinaryExpressionSyntax chain)
    {
        var links = new List<(int, ExpressionSyntax)>();
        if (chain.Operator == BinaryOperator.Default)
        {
            // Right-associative: a ?? (b ?? c).
            ExpressionSyntax rest = chain;
            var first = chain.Left;
            while (rest is BinaryExpressionSyntax { Operator: BinaryOperator.Default } link)
            {
                var next = link.Right;
                links.Add((link.OperatorSpan.Start, next is BinaryExpressionSyntax { Operator: BinaryOperator.Default } inner ? inner.Left : next));
                rest = next;
            }

            return (first, links);
        }

        // Left-associative: (a and b) and c.
        var stack = new Stack<BinaryExpressionSyntax>();
        ExpressionSyntax leftmost = chain;
        while (leftmost is BinaryExpressionSyntax link && link.Operator == chain.Operator)
        {
            stack.Push(link);
            leftmost = link.Left;
        }

        while (stack.Count > 0)
        {
            var link = stack.Pop();
            links.Add((link.OperatorSpan.Start, link.Right));
        }

        return (leftmost, links);
    }

    /// <summary><c>if c then a else b</c>, or with <c>then</c> and <c>else</c> on lines of their own.</summary>
    private Doc Conditional(ConditionalExpressionSyntax conditional)
    {
        var condition = Expression(conditional.Condition);
        var thenPart = Concat(InlineInFlow(_comments.NextTokenStart(conditional.Condition.Span.End)), Plain("then "), Expression(conditional.WhenTrue));
        var elsePart = Concat(InlineInFlow(_comments.NextTokenStart(conditional.WhenTrue.Span.End)), Plain("else "), Expression(conditional.WhenFalse));
        return Group(Concat(Plain("if "), condition, Indent(Concat(Line, thenPart, Line, elsePart))));
    }

    /// <summary><c>any(x in c: p)</c>, breaking after the colon when it does not fit.</summary>
    private Doc Quantifier(QuantifierExpressionSyntax quantifier)
    {
        var keyword = quantifier.Kind switch
        {
            QuantifierKind.Any => "any(",
            QuantifierKind.All => "all(",
            _ => "count(",
        };
        // The range and the predicate start lines when the quantifier breaks: comments before them do not indent further.
        var range = Concat(
            InlineInFlow(quantifier.Variable.Span.Start),
            Variables(quantifier.Variable, quantifier.SecondVariable),
            Plain(" in "),
            Expression(quantifier.Collection),
            Plain(":"));
        var predicate = Concat(InlineInFlow(quantifier.Predicate.Span.Start), Expression(quantifier.Predicate));
        var dangling = Dangling(quantifier.Span.End - 1);
        return Group(Concat(Plain(keyword), Indent(Concat(SoftLine, range, Line, predicate, dangling)), SoftLine, Plain(")")));
    }

    /// <summary><c>[e for x in c where f]</c> (and the set and map forms), one clause per line when it does not fit.</summary>
    private Doc Comprehension(ComprehensionExpressionSyntax comprehension)
    {
        var (open, close) = comprehension.Kind == ComprehensionKind.List ? ("[", "]") : ("{", "}");
        var leading = InlineInFlow(comprehension.Element.Span.Start);
        var element = comprehension.Value is null
            ? Expression(comprehension.Element)
            : Concat(Expression(comprehension.Element), Plain(": "), Expression(comprehension.Value));
        var last = (comprehension.Value ?? comprehension.Element).Span.End;
        var forPart = Concat(
            InlineInFlow(_comments.NextTokenStart(last)),
            Plain("for "),
            Variables(comprehension.Variable, comprehension.SecondVariable),
            Plain(" in "),
            Expression(comprehension.Collection));
        var wherePart = comprehension.Filter is null
            ? Empty
            : Concat(Line, InlineInFlow(_comments.NextTokenStart(comprehension.Collection.Span.End)), Plain("where "), Expression(comprehension.Filter));
        var dangling = Dangling(comprehension.Span.End - 1);
        return Group(Concat(Plain(open), Indent(Concat(SoftLine, leading, element, Line, forPart, wherePart, dangling)), SoftLine, Plain(close)));
    }

    private Doc Variables(IdentifierSyntax first, IdentifierSyntax? second) =>
        second is null ? Identifier(first) : Concat(Identifier(first), Plain(", "), Identifier(second));

    /// <summary>
    /// <c>open item, item close</c> when it fits; otherwise one item per line, indented once, with a trailing comma.
    /// A comment that ends its line inside the brackets always breaks them.
    /// </summary>
    private Doc Bracketed(string open, string close, IReadOnlyList<ListItem> items, int closePosition)
    {
        var inner = new List<Doc>();
        var endsWithLineComment = false;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                inner.Add(Plain(","));
                inner.Add(Line);
            }

            var comments = _comments.TakeBefore(items[i].Start);
            inner.Add(InlineOrLines(comments));
            inner.Add(items[i].Print());
            var beforeComma = BeforeComma(items[i].End, i + 1 < items.Count ? items[i + 1].Start : closePosition);
            var trailing = _comments.TakeTrailing(items[i].End);
            inner.Add(AfterItem(beforeComma));
            inner.Add(TrailingDoc(trailing));
            endsWithLineComment = trailing.Count > 0 || beforeComma.Any(c => c.IsLine);
        }

        if (items.Count > 0)
        {
            inner.Add(IfBreak(Plain(","), Empty));
        }

        inner.Add(Dangling(closePosition, hasContent: items.Count > 0, afterLineComment: endsWithLineComment));

        var content = Concat(inner);
        return ReferenceEquals(content, Empty)
            ? Plain(open + close)
            : Group(Concat(Plain(open), Indent(Concat(SoftLine, content)), SoftLine, Plain(close)));
    }

    /// <summary>Comments between an item and the comma after it (before <paramref name="limit"/>): kept after the item.</summary>
    private IReadOnlyList<Comment> BeforeComma(int itemEnd, int limit)
    {
        var comma = _comments.FindToken(",", itemEnd);
        return comma is { } position && position < limit ? _comments.TakeBefore(position) : [];
    }

    /// <summary>Comments kept after a list item, before its comma: block comments inline, line comments at the end of the line.</summary>
    private static Doc AfterItem(IReadOnlyList<Comment> comments) =>
        Concat(comments.Select(c => c.IsLine ? Concat(LineSuffix(" " + c.Text), BreakParent) : Concat(Plain(" "), Verbatim(c.Text))));

    /// <summary>Comments before a closing parenthesis or bracket that does not break.</summary>
    private Doc DanglingInline(int closePosition)
    {
        var comments = _comments.TakeBefore(closePosition);
        if (comments.Count == 0)
        {
            return Empty;
        }

        // A block comment right before the bracket is separated from the code before it, not from the bracket.
        return comments.Any(c => c.IsLine)
            ? Concat(Plain(" "), Indent(InlineComments(comments)))
            : Concat(comments.Select(c => Concat(Plain(" "), Verbatim(c.Text))));
    }
}
