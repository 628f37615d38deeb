// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using Antlr4.Runtime;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using static PolicyLang.Compiler.Parsing.Generated.PolicyLangParser;

namespace PolicyLang.Compiler.Parsing;

/// <summary>
/// The one converter from ANTLR parse trees to our immutable syntax tree. It tolerates missing children
/// (keeping a span and marking the node missing), and collects every problem instead of stopping at the first.
/// </summary>
internal sealed class ParseTreeToAst
{
    private const int MaxDepth = 400;

    private readonly SourceText _source;
    private readonly int _offset;
    private readonly BufferedTokenStream _tokens;
    private readonly List<Diagnostic> _diagnostics;
    private readonly HashSet<int> _usedDocTokens;
    private int _depth;

    // depth: the expression nesting around the text (an interpolation continues the nesting of its string).
    public ParseTreeToAst(SourceText source, int offset, BufferedTokenStream tokens, List<Diagnostic> diagnostics, HashSet<int> usedDocTokens, int depth = 0)
    {
        _depth = depth;
        _source = source;
        _offset = offset;
        _tokens = tokens;
        _diagnostics = diagnostics;
        _usedDocTokens = usedDocTokens;
    }

    public CompilationUnitSyntax Convert(CompilationUnitContext context)
    {
        var package = context.packageDecl() is { } p ? Package(p) : null;
        var imports = context.importDecl().Select(Import).ToArray();
        var declarations = context.declaration().Select(Declaration).OfType<DeclarationSyntax>().ToArray();
        return new CompilationUnitSyntax(package, imports, declarations, new TextSpan(0, _source.Length));
    }

    public ExpressionSyntax Convert(StandaloneExpressionContext context) => Expression(context.expression());

    // ---- declarations ----------------------------------------------------------------------------------

    private PackageDeclarationSyntax Package(PackageDeclContext context) =>
        new(QualifiedName(context.qualifiedName(), context), context.annotation().Select(Annotation).ToArray(), DocBefore(context.Start), Span(context));

    private ImportSyntax Import(ImportDeclContext context) =>
        new(QualifiedName(context.qualifiedName(), context), context.identifier() is { } alias ? Identifier(alias, context) : null, Span(context));

    private DeclarationSyntax? Declaration(DeclarationContext context)
    {
        var annotations = context.annotation().Select(Annotation).ToArray();
        var doc = DocBefore(context.Start);
        var span = Span(context);
        if (context.ruleDecl() is { } rule)
        {
            return new RuleDeclarationSyntax(
                annotations,
                doc,
                Identifier(rule.identifier(0), rule),
                Identifier(rule.subject, rule),
                Identifier(rule.variable, rule),
                rule.ruleClause().Select(RuleClause).OfType<RuleClauseSyntax>().ToArray(),
                rule.ruleBody() is { } body ? (body.block() is { } block ? Block(block) : Statement(body.statement())) : MissingBlock(rule),
                span);
        }

        if (context.funcDecl() is { } func)
        {
            var bodyContext = func.funcBody();
            var lets = bodyContext?.funcLet().Select(l => new LetStatementSyntax(Identifier(l.identifier(), l), Expression(l.expression()), Span(l))).ToArray() ?? [];
            var result = bodyContext is null ? Missing(func) : Expression(bodyContext.result ?? bodyContext.expression());
            return new FunctionDeclarationSyntax(
                annotations,
                doc,
                Identifier(func.identifier(), func),
                func.funcParam().Select(fp => new ParameterSyntax(Identifier(fp.identifier(), fp), Type(fp.typeRef(), fp), Span(fp))).ToArray(),
                func.typeRef() is { } returnType ? Type(returnType, func) : null,
                lets,
                result,
                bodyContext?.LBRACE() is not null,
                span);
        }

        if (context.listDecl() is { } list)
        {
            return new ConstantDeclarationSyntax(annotations, doc, Identifier(list.identifier(), list), true, list.typeRef() is { } t ? Type(t, list) : null, Expression(list.expression()), span);
        }

        if (context.constDecl() is { } constant)
        {
            return new ConstantDeclarationSyntax(annotations, doc, Identifier(constant.identifier(), constant), false, constant.typeRef() is { } t ? Type(t, constant) : null, Expression(constant.expression()), span);
        }

        if (context.paramDecl() is { } param)
        {
            return new ParamDeclarationSyntax(annotations, doc, Identifier(param.identifier(), param), Type(param.typeRef(), param), param.expression() is { } d ? Expression(d) : null, span);
        }

        if (context.testDecl() is { } test)
        {
            var titleToken = test.STRING()?.Symbol;
            var title = titleToken is null
                ? new IdentifierSyntax(string.Empty, new TextSpan(Span(test).Start, 0), IsMissing: true)
                : new IdentifierSyntax(StringLiterals.Unescape(titleToken.Text.Length >= 2 ? titleToken.Text[1..^1] : string.Empty), SpanOf(titleToken));
            return new TestDeclarationSyntax(annotations, doc, title, test.testStatement().Select(TestStatement).OfType<TestStatementSyntax>().ToArray(), span);
        }

        return null;
    }

    private AnnotationSyntax Annotation(AnnotationContext context) =>
        new(Identifier(context.identifier(), context), context.expression().Select(Expression).ToArray(), Span(context));

    private RuleClauseSyntax? RuleClause(RuleClauseContext context) => context switch
    {
        ScopeClauseContext scope => new ScopeClauseSyntax(scope.EXCLUDE() is not null, Identifier(scope.scope, scope), Expression(scope.value), Span(scope)),
        ExceptClauseContext except => new ExceptClauseSyntax(Expression(except.condition), Expression(except.reason), Span(except)),
        WhenClauseContext whenClause => new WhenClauseSyntax(Expression(whenClause.expression()), Span(whenClause)),
        _ => null,
    };

    // ---- statements ------------------------------------------------------------------------------------

    private BlockStatementSyntax Block(BlockContext context) =>
        new(context.statement().Select(Statement).ToArray(), Span(context));

    private BlockStatementSyntax MissingBlock(ParserRuleContext context) => new([], new TextSpan(Span(context).End, 0));

    private StatementSyntax Body(BodyContext? context, ParserRuleContext parent) =>
        context is null ? MissingBlock(parent) : context.block() is { } block ? Block(block) : Statement(context.statement());

    private StatementSyntax Statement(StatementContext? context)
    {
        if (context is null)
        {
            return new BlockStatementSyntax([], new TextSpan(0, 0));
        }

        var span = Span(context);
        return context switch
        {
            LetStatementContext let => new LetStatementSyntax(Identifier(let.identifier(), let), Expression(let.expression()), span),
            ForStatementContext f => new ForStatementSyntax(
                Identifier(f.identifier(0), f),
                f.identifier().Length > 1 ? Identifier(f.identifier(1), f) : null,
                Expression(f.collection),
                f.filter is null ? null : Expression(f.filter),
                Body(f.body(), f),
                span),
            IfStatementContext i => new IfStatementSyntax(Expression(i.condition), Body(i.thenBody, i), i.elseBody is null ? null : Body(i.elseBody, i), span),
            ActionStatementContext a => new ActionStatementSyntax(
                a.action?.Type switch
                {
                    DENY => ActionKind.Deny,
                    WARN => ActionKind.Warn,
                    AUDIT => ActionKind.Audit,
                    _ => ActionKind.Alert,
                },
                a.action is null ? new TextSpan(span.Start, 0) : SpanOf(a.action),
                a.message is null ? null : Expression(a.message),
                a.at is null ? null : Expression(a.at),
                a.condition is null ? null : Expression(a.condition),
                span),
            MutateSetStatementContext m => new MutateStatementSyntax(false, Expression(m.target), Expression(m.value), m.condition is null ? null : Expression(m.condition), span),
            MutateRemoveStatementContext m => new MutateStatementSyntax(true, Expression(m.target), null, m.condition is null ? null : Expression(m.condition), span),
            _ => new BlockStatementSyntax([], span),
        };
    }

    private TestStatementSyntax? TestStatement(TestStatementContext context)
    {
        var span = Span(context);
        switch (context)
        {
            case GivenStatementContext given:
                var subject = Identifier(given.subject, given);
                if (given.FROM() is not null)
                {
                    var file = given.STRING()?.Symbol;
                    return new GivenStatementSyntax(subject, file is null ? string.Empty : StringLiterals.Unescape(file.Text.Length >= 2 ? file.Text[1..^1] : string.Empty), null, file is null ? span : SpanOf(file), span);
                }

                var raw = given.RAW_STRING()?.Symbol;
                if (raw is not null)
                {
                    return new GivenStatementSyntax(subject, null, StringLiterals.Raw(raw.Text), SpanOf(raw), span);
                }

                var inline = given.STRING()?.Symbol;
                return new GivenStatementSyntax(subject, null, inline is null ? string.Empty : StringLiterals.Unescape(inline.Text.Length >= 2 ? inline.Text[1..^1] : string.Empty), inline is null ? span : SpanOf(inline), span);
            case WithStatementContext with:
                return new WithStatementSyntax(QualifiedName(with.qualifiedName(), with), Expression(with.expression()), span);
            case ExpectStatementContext expect:
                string? message = null;
                string? at = null;
                foreach (var option in expect.expectOption())
                {
                    var text = option.STRING()?.GetText();
                    var value = text is null || text.Length < 2 ? string.Empty : StringLiterals.Unescape(text[1..^1]);
                    if (option.MESSAGE() is not null)
                    {
                        message = value;
                    }
                    else
                    {
                        at = value;
                    }
                }

                var kindContext = expect.expectKind();
                var kind = kindContext is null
                    ? new IdentifierSyntax(string.Empty, new TextSpan(span.End, 0), IsMissing: true)
                    : kindContext.identifier() is { } word ? Identifier(word, kindContext) : new IdentifierSyntax(kindContext.GetText(), Span(kindContext));
                int? count = expect.INT() is { } n && int.TryParse(n.GetText(), NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
                return new ExpectStatementSyntax(expect.NO() is not null, count, kind, expect.qualifiedName() is { } rule ? QualifiedName(rule, expect) : null, message, at, span);
            default:
                return null;
        }
    }

    // ---- expressions -----------------------------------------------------------------------------------

    private ExpressionSyntax Expression(ExpressionContext? context)
    {
        if (context is null)
        {
            return new MissingExpressionSyntax(new TextSpan(Math.Min(_source.Length, _offset), 0));
        }

        if (++_depth > MaxDepth)
        {
            _depth--;
            var span = Span(context);
            if (!_diagnostics.Any(d => d.Descriptor == DiagnosticCatalog.NestingTooDeepDescriptor))
            {
                _diagnostics.Add(DiagnosticCatalog.NestingTooDeep(_source, span, MaxDepth));
            }

            return new MissingExpressionSyntax(span);
        }

        try
        {
            return ConvertExpression(context);
        }
        finally
        {
            _depth--;
        }
    }

    private ExpressionSyntax ConvertExpression(ExpressionContext context)
    {
        var span = Span(context);
        switch (context)
        {
            case PrimaryExpressionContext primary:
                return Primary(primary.primary());
            case MethodCallExpressionContext call:
                return new CallExpressionSyntax(Expression(call.expression()), MemberName(call.memberName(), call), call.arguments()?.expression().Select(Expression).ToArray() ?? [], span);
            case MemberExpressionContext member:
                return new MemberAccessExpressionSyntax(Expression(member.expression()), MemberName(member.memberName(), member), span);
            case IndexExpressionContext index:
                return new IndexExpressionSyntax(Expression(index.target), Expression(index.index), span);
            case NegateExpressionContext negate:
                var operand = Expression(negate.expression());
                if (operand is LiteralExpressionSyntax { Kind: LiteralKind.Integer or LiteralKind.Float } literal)
                {
                    // Fold the sign into the literal so that long.MinValue is representable and constants stay constants.
                    return literal.Kind == LiteralKind.Integer
                        ? new LiteralExpressionSyntax(LiteralKind.Integer, literal.Value is long l ? -l : literal.Value, "-" + literal.Text, span)
                        : new LiteralExpressionSyntax(LiteralKind.Float, literal.Value is double d ? -d : literal.Value, "-" + literal.Text, span);
                }

                return new UnaryExpressionSyntax(UnaryOperator.Negate, operand, span);
            case NotExpressionContext not:
                return new UnaryExpressionSyntax(UnaryOperator.Not, Expression(not.expression()), span);
            case MultiplicativeExpressionContext m:
                return Binary(m.op, m.left, m.right, span, m.op?.Type switch
                {
                    STAR => BinaryOperator.Multiply,
                    SLASH => BinaryOperator.Divide,
                    _ => BinaryOperator.Modulo,
                });
            case AdditiveExpressionContext a:
                return Binary(a.op, a.left, a.right, span, a.op?.Type == PLUS ? BinaryOperator.Add : BinaryOperator.Subtract);
            case DefaultExpressionContext d:
                return Binary(d.op, d.left, d.right, span, BinaryOperator.Default);
            case InExpressionContext i:
                return Binary(i.op, i.left, i.right, span, i.NOT() is null ? BinaryOperator.In : BinaryOperator.NotIn, i.NOT()?.Symbol);
            case ComparisonExpressionContext c:
                return Binary(c.op, c.left, c.right, span, c.op?.Type switch
                {
                    EQ => BinaryOperator.Equal,
                    NEQ => BinaryOperator.NotEqual,
                    LT => BinaryOperator.Less,
                    LE => BinaryOperator.LessOrEqual,
                    GT => BinaryOperator.Greater,
                    _ => BinaryOperator.GreaterOrEqual,
                });
            case AndExpressionContext and:
                return Binary(and.op, and.left, and.right, span, BinaryOperator.And);
            case OrExpressionContext or:
                return Binary(or.op, or.left, or.right, span, BinaryOperator.Or);
            case ConditionalExpressionContext conditional:
                return new ConditionalExpressionSyntax(Expression(conditional.condition), Expression(conditional.whenTrue), Expression(conditional.whenFalse), span);
            default:
                return new MissingExpressionSyntax(span);
        }
    }

    private BinaryExpressionSyntax Binary(IToken? op, ExpressionContext? left, ExpressionContext? right, TextSpan span, BinaryOperator @operator, IToken? operatorStart = null)
    {
        var operatorSpan = op is null ? new TextSpan(span.Start, 0) : SpanOf(op);
        if (operatorStart is not null)
        {
            operatorSpan = SpanOf(operatorStart).Cover(operatorSpan);
        }

        return new BinaryExpressionSyntax(@operator, Expression(left), Expression(right), operatorSpan, span);
    }

    private ExpressionSyntax Primary(PrimaryContext? context)
    {
        if (context is null)
        {
            return new MissingExpressionSyntax(new TextSpan(_offset, 0));
        }

        var span = Span(context);
        switch (context)
        {
            case LiteralPrimaryContext literal:
                return Literal(literal.literal());
            case QuantifierPrimaryContext q:
                return new QuantifierExpressionSyntax(
                    q.quantifier?.Type switch
                    {
                        ANY => QuantifierKind.Any,
                        ALL => QuantifierKind.All,
                        _ => QuantifierKind.Count,
                    },
                    Identifier(q.identifier(0), q),
                    q.identifier().Length > 1 ? Identifier(q.identifier(1), q) : null,
                    Expression(q.collection),
                    Expression(q.predicate),
                    span);
            case CallPrimaryContext call:
                return new CallExpressionSyntax(null, Identifier(call.identifier(), call), call.arguments()?.expression().Select(Expression).ToArray() ?? [], span);
            case ListComprehensionPrimaryContext lc:
                return Comprehension(ComprehensionKind.List, lc.element, null, lc.identifier(), lc.collection, lc.filter, lc, span);
            case SetComprehensionPrimaryContext sc:
                return Comprehension(ComprehensionKind.Set, sc.element, null, sc.identifier(), sc.collection, sc.filter, sc, span);
            case MapComprehensionPrimaryContext mc:
                return Comprehension(ComprehensionKind.Map, mc.element, mc.value, mc.identifier(), mc.collection, mc.filter, mc, span);
            case ListPrimaryContext list:
                return new ListExpressionSyntax(list.expression().Select(Expression).ToArray(), span);
            case MapPrimaryContext map:
                return new MapExpressionSyntax(map.mapEntry().Select(e => new MapEntrySyntax(Expression(e.key), Expression(e.value), Span(e))).ToArray(), span);
            case SetPrimaryContext set:
                return new SetExpressionSyntax(set.expression().Select(Expression).ToArray(), span);
            case ParenthesizedPrimaryContext paren:
                return new ParenthesizedExpressionSyntax(Expression(paren.expression()), span);
            case NamePrimaryContext name:
                return new NameExpressionSyntax(Identifier(name.identifier(), name), span);
            default:
                return new MissingExpressionSyntax(span);
        }
    }

    private ComprehensionExpressionSyntax Comprehension(ComprehensionKind kind, ExpressionContext? element, ExpressionContext? value, IdentifierContext[] variables, ExpressionContext? collection, ExpressionContext? filter, ParserRuleContext context, TextSpan span) =>
        new(
            kind,
            Expression(element),
            value is null ? null : Expression(value),
            Identifier(variables.Length > 0 ? variables[0] : null, context),
            variables.Length > 1 ? Identifier(variables[1], context) : null,
            Expression(collection),
            filter is null ? null : Expression(filter),
            span);

    private ExpressionSyntax Literal(LiteralContext? context)
    {
        if (context is null)
        {
            return new MissingExpressionSyntax(new TextSpan(_offset, 0));
        }

        var token = context.Start;
        var span = SpanOf(token);
        var text = token.Text;
        switch (token.Type)
        {
            case INT:
                var digits = text.Replace("_", string.Empty, StringComparison.Ordinal);
                if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var integer))
                {
                    return new LiteralExpressionSyntax(LiteralKind.Integer, integer, text, span);
                }

                _diagnostics.Add(DiagnosticCatalog.InvalidNumber(_source, span, text, "it does not fit in a 64-bit integer"));
                return new LiteralExpressionSyntax(LiteralKind.Integer, 0L, text, span);
            case FLOAT:
                var number = text.Replace("_", string.Empty, StringComparison.Ordinal);
                if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real))
                {
                    return new LiteralExpressionSyntax(LiteralKind.Float, real, text, span);
                }

                _diagnostics.Add(DiagnosticCatalog.InvalidNumber(_source, span, text, "it is out of range"));
                return new LiteralExpressionSyntax(LiteralKind.Float, 0.0, text, span);
            case TRUE:
                return new LiteralExpressionSyntax(LiteralKind.Boolean, true, text, span);
            case FALSE:
                return new LiteralExpressionSyntax(LiteralKind.Boolean, false, text, span);
            case NULL:
                return new LiteralExpressionSyntax(LiteralKind.Null, null, text, span);
            case RAW_STRING:
                return new LiteralExpressionSyntax(LiteralKind.String, StringLiterals.Raw(text), text, span);
            case UNTERMINATED_STRING:
                _diagnostics.Add(DiagnosticCatalog.UnterminatedString(_source, span));
                return new LiteralExpressionSyntax(LiteralKind.String, text.Length > 0 ? text[1..] : string.Empty, text, span);
            default:
                return StringLiteral(token, span);
        }
    }

    private ExpressionSyntax StringLiteral(IToken token, TextSpan span)
    {
        var text = token.Text;
        var contentStart = span.Start + 1;
        var parts = StringLiterals.Split(text.Length >= 2 ? text[1..^1] : string.Empty);
        if (parts.All(p => !p.IsInterpolation))
        {
            var value = StringLiterals.UnescapeReporting(parts.Count == 0 ? string.Empty : parts[0].Text, contentStart + (parts.Count == 0 ? 0 : parts[0].Offset), _source, _diagnostics);
            return new LiteralExpressionSyntax(LiteralKind.String, value, text, span);
        }

        var result = new List<InterpolationPart>();
        foreach (var part in parts)
        {
            if (!part.IsInterpolation)
            {
                result.Add(new InterpolationPart(StringLiterals.UnescapeReporting(part.Text, contentStart + part.Offset, _source, _diagnostics), null));
                continue;
            }

            var inner = part.Text;
            var innerStart = contentStart + part.Offset;
            if (string.IsNullOrWhiteSpace(inner))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidInterpolation(_source, new TextSpan(innerStart - 1, inner.Length + 2), "the braces hold no expression (write \\{ for a literal brace)"));
                continue;
            }

            result.Add(new InterpolationPart(null, PolicyParser.ParseInterpolation(_source, inner, innerStart, _diagnostics, _depth)));
        }

        return new InterpolatedStringSyntax(result, span);
    }

    // ---- names and types ---------------------------------------------------------------------------------

    private IdentifierSyntax Identifier(IdentifierContext? context, ParserRuleContext parent)
    {
        if (context is null || context.Start is null || context.exception is not null || context.ChildCount == 0)
        {
            var at = context?.Start is { } start && start.Type != TokenConstants.EOF ? _offset + start.StartIndex : Span(parent).End;
            return new IdentifierSyntax(string.Empty, new TextSpan(at, 0), IsMissing: true);
        }

        var token = context.Start;
        var text = token.Type == QUOTED_IDENT ? token.Text.Trim('`') : token.Text;
        return new IdentifierSyntax(text, SpanOf(token));
    }

    private IdentifierSyntax MemberName(MemberNameContext? context, ParserRuleContext parent)
    {
        if (context is null || context.Start is null || context.ChildCount == 0)
        {
            return new IdentifierSyntax(string.Empty, new TextSpan(Span(parent).End, 0), IsMissing: true);
        }

        var token = context.Start;
        var text = token.Type == QUOTED_IDENT ? token.Text.Trim('`') : token.Text;
        return new IdentifierSyntax(text, SpanOf(token));
    }

    private QualifiedNameSyntax QualifiedName(QualifiedNameContext? context, ParserRuleContext parent)
    {
        if (context is null)
        {
            return new QualifiedNameSyntax([new IdentifierSyntax(string.Empty, new TextSpan(Span(parent).End, 0), IsMissing: true)], new TextSpan(Span(parent).End, 0));
        }

        return new QualifiedNameSyntax(context.identifier().Select(i => Identifier(i, context)).ToArray(), Span(context));
    }

    private TypeSyntax Type(TypeRefContext? context, ParserRuleContext parent)
    {
        if (context is null)
        {
            var at = new TextSpan(Span(parent).End, 0);
            return new TypeSyntax(new IdentifierSyntax(string.Empty, at, IsMissing: true), [], at);
        }

        var name = context.LIST() is { } list ? new IdentifierSyntax("list", SpanOf(list.Symbol)) : Identifier(context.identifier(), context);
        return new TypeSyntax(name, context.typeRef().Select(t => Type(t, context)).ToArray(), Span(context));
    }

    private static MissingExpressionSyntax Missing(ParserRuleContext context) => new(new TextSpan(context.Start.StartIndex, 0));

    // ---- spans and docs --------------------------------------------------------------------------------

    private TextSpan Span(ParserRuleContext context)
    {
        var start = context.Start;
        var stop = context.Stop;
        if (start is null)
        {
            return new TextSpan(_offset, 0);
        }

        var begin = start.Type == TokenConstants.EOF ? _source.Length : _offset + start.StartIndex;
        if (stop is null || stop.Type == TokenConstants.EOF || stop.StopIndex < start.StartIndex)
        {
            return new TextSpan(Math.Min(begin, _source.Length), 0);
        }

        return TextSpan.FromBounds(begin, _offset + stop.StopIndex + 1);
    }

    private TextSpan SpanOf(IToken token) =>
        token.Type == TokenConstants.EOF ? new TextSpan(_source.Length, 0) : TextSpan.FromBounds(_offset + token.StartIndex, _offset + token.StopIndex + 1);

    private string? DocBefore(IToken? first)
    {
        if (first is null || first.TokenIndex < 0)
        {
            return null;
        }

        var hidden = _tokens.GetHiddenTokensToLeft(first.TokenIndex, PolicyParser.DocChannel);
        if (hidden is null || hidden.Count == 0)
        {
            return null;
        }

        foreach (var token in hidden)
        {
            _usedDocTokens.Add(token.TokenIndex);
        }

        var lines = hidden.Select(t => t.Text.Length > 3 ? t.Text[3..] : string.Empty).Select(l => l.StartsWith(' ') ? l[1..] : l);
        return string.Join('\n', lines).Trim();
    }
}
