// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting.Layout;
using PolicyLang.Compiler.Syntax;
using static PolicyLang.Compiler.Formatting.Layout.Doc;

namespace PolicyLang.Compiler.Formatting;

/// <summary>Declarations: annotations, rules with their clauses, functions, lists, constants, parameters and tests.</summary>
internal sealed partial class SyntaxPrinter
{
    private Doc Declaration(DeclarationSyntax declaration)
    {
        var leading = LeadingLines(declaration.Span.Start);
        var annotations = AnnotationLines(declaration.Annotations);
        Doc body = declaration switch
        {
            RuleDeclarationSyntax rule => Rule(rule),
            FunctionDeclarationSyntax function => Function(function),
            ConstantDeclarationSyntax constant => Concat(
                Plain(constant.IsList ? "list " : "const "),
                Identifier(constant.Name),
                constant.Type is null ? Empty : Concat(Plain(": "), Type(constant.Type)),
                Plain(" = "),
                Expression(constant.Value)),
            ParamDeclarationSyntax param => Concat(
                Plain("param "),
                Identifier(param.Name),
                Plain(": "),
                Type(param.Type),
                param.Default is null ? Empty : Concat(Plain(" = "), Expression(param.Default))),
            TestDeclarationSyntax test => Test(test),
            _ => Verbatim(_source[declaration.Span]),
        };
        return Concat(leading, annotations, body, Trailing(declaration.Span.End));
    }

    /// <summary>Annotations filling lines above the declaration, then the comments between them and its keyword.</summary>
    private Doc AnnotationLines(IReadOnlyList<AnnotationSyntax> annotations)
    {
        if (annotations.Count == 0)
        {
            return Empty;
        }

        var items = annotations.Select(a => FlowPart(a.Span.Start, () => Annotation(a), a.Span.End)).ToList();
        var keyword = _comments.NextTokenStart(annotations[^1].Span.End);
        return Concat(Flow(items), HardLine, LeadingLines(keyword));
    }

    /// <summary>
    /// <c>@name</c>, <c>@name(a, b)</c>. A single argument is never put on a line of its own: breaking
    /// <c>@remediation("…")</c> around a long string gains no width. (With comments inside, the usual bracketed layout
    /// places them.)
    /// </summary>
    private Doc Annotation(AnnotationSyntax annotation) => annotation.Arguments switch
    {
        [] => Concat(Plain("@"), Identifier(annotation.Name)),
        [var only] when !_comments.AnyBefore(annotation.Span.End) => Concat(Plain("@"), Identifier(annotation.Name), Plain("("), Expression(only), DanglingInline(annotation.Span.End - 1), Plain(")")),
        _ => Concat(Plain("@"), Identifier(annotation.Name), Bracketed("(", ")", annotation.Arguments.Select(ExpressionItem).ToList(), annotation.Span.End - 1)),
    };

    /// <summary><c>rule name on subject var</c>, each clause on its own line indented once, then the body.</summary>
    private Doc Rule(RuleDeclarationSyntax rule)
    {
        var header = Concat(
            Plain("rule "),
            Identifier(rule.Name),
            Plain(" on "),
            Identifier(rule.Subject),
            Plain(" "),
            Identifier(rule.Variable),
            Trailing(rule.Variable.Span.End));
        var clauses = new List<Doc>();
        foreach (var clause in rule.Clauses)
        {
            clauses.Add(Line);
            clauses.Add(LineItem(clause.Span.Start, clause.Span.End, () => Clause(clause)));
            clauses.Add(Trailing(clause.Span.End));
        }

        // The header and its clauses share one line when they fit (with the body's opening brace); otherwise every
        // clause gets a line of its own.
        return Concat(Group(Concat(header, Indent(Concat(clauses)))), Body(rule.Body, headerEnd: null));
    }

    private Doc Clause(RuleClauseSyntax clause) => clause switch
    {
        ScopeClauseSyntax scope => Concat(Plain(scope.IsExclude ? "exclude " : "match "), Identifier(scope.Scope), Plain(" "), Expression(scope.Value)),
        WhenClauseSyntax whenClause => Concat(Plain("when "), Expression(whenClause.Condition)),
        ExceptClauseSyntax except => Indent(Flow(
        [
            FlowPart(except.Span.Start, () => Concat(Plain("except when "), Expression(except.Condition)), except.Condition.Span.End),
            FlowPart(_comments.NextTokenStart(except.Condition.Span.End), () => KeywordThen("because ", except.Reason), trailingEnd: null),
        ])),
        _ => Verbatim(_source[clause.Span]),
    };

    /// <summary><c>func name(params): type = expression</c>, or a block of lets ending with the result.</summary>
    private Doc Function(FunctionDeclarationSyntax function)
    {
        var name = Identifier(function.Name);
        var close = _comments.FindToken(")", function.Name.Span.End) ?? function.Name.Span.End;
        var parameters = Bracketed(
            "(",
            ")",
            function.Parameters.Select(p => new ListItem(p.Span.Start, p.Span.End, () => Concat(Identifier(p.Name), Plain(": "), Type(p.Type)))).ToList(),
            close);
        var returnType = function.ReturnType is null ? Empty : Concat(Plain(": "), Type(function.ReturnType));
        if (!function.HasBlockBody)
        {
            // A body that does not fit after the '=' starts the next line, indented once (unless comments before the
            // body already decide where its lines go).
            return _comments.AnyBefore(function.Body.Span.Start)
                ? Concat(Plain("func "), name, parameters, returnType, Plain(" = "), Expression(function.Body))
                : Concat(Plain("func "), name, parameters, returnType, Plain(" ="), Group(Indent(Concat(Line, Expression(function.Body)))));
        }

        var open = _comments.FindToken("{", function.ReturnType?.Span.End ?? close) ?? function.Body.Span.Start;
        var items = function.Lets.Select(l => new ListItem(l.Span.Start, l.Span.End, () => Statement(l)))
            .Append(new ListItem(function.Body.Span.Start, function.Body.Span.End, () => Expression(function.Body)))
            .ToList();
        return Concat(Plain("func "), name, parameters, returnType, Plain(" "), Braced(open + 1, items, function.Span.End - 1));
    }
}
