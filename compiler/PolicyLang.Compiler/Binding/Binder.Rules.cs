// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Binding;

internal sealed partial class Binder
{
    internal static readonly string[] AnnotationNames = ["id", "title", "severity", "tags", "remediation", "overrides"];
    internal static readonly string[] ScopeNames = ["kinds", "namespaces", "names", "labels", "operations"];
    internal static readonly string[] Operations = ["CREATE", "UPDATE", "DELETE", "CONNECT"];

    private BoundRule? BindRule(RuleSymbol symbol)
    {
        var syntax = symbol.Declaration;
        var source = _file.Tree.Source;
        var metadata = BindRuleMetadata(symbol);
        if (symbol.Subject is not { } subject)
        {
            if (!syntax.Subject.IsMissing)
            {
                _diagnostics.Add(DiagnosticCatalog.UnknownSubject(source, syntax.Subject.Span, syntax.Subject.Name, Suggestions.Closest(syntax.Subject.Name, SubjectNames)));
            }

            return null;
        }

        var scope = BindScope(syntax, subject);
        var typedModel = TypedModelOf(subject, scope, syntax);
        var state = new RuleState(subject, typedModel);
        _declaration = new DeclarationContext(symbol, false, state);

        var subjectType = subject == SubjectKind.Manifest && typedModel is not null ? typedModel : Schemas.ForSubject(subject);
        var variable = new LocalSymbol(syntax.Variable.Name, subjectType, LocalKind.Subject, _file.Tree, syntax.Variable.Span, BoundPath.Root);
        _references.Add(new SymbolReference(_file.Tree, syntax.Variable.Span, variable, IsDefinition: true));
        var scopeOfRule = new LocalScope(null);
        scopeOfRule.TryDeclare(variable);

        var exceptions = new List<BoundException>();
        var conditions = new List<BoundExpression>();
        foreach (var clause in syntax.Clauses)
        {
            switch (clause)
            {
                case ExceptClauseSyntax except:
                    var condition = BindCondition(except.Condition, scopeOfRule, "an exception's condition");
                    var reason = BindExpression(except.Reason, scopeOfRule);
                    if (reason.Type != TypeSymbol.String && !reason.Type.IsError)
                    {
                        _diagnostics.Add(DiagnosticCatalog.MessageNotString(source, except.Reason.Span, reason.Type.Name));
                    }

                    exceptions.Add(new BoundException(condition, reason));
                    break;
                case WhenClauseSyntax whenClause:
                    conditions.Add(BindCondition(whenClause.Condition, scopeOfRule, "a rule's 'when' condition"));
                    break;
            }
        }

        var body = BindStatement(syntax.Body, new LocalScope(scopeOfRule));
        _declaration = DeclarationContext.None;
        ReportUnusedLets();
        if (state.Actions.Count == 0)
        {
            _diagnostics.Add(DiagnosticCatalog.RuleWithoutAction(source, syntax.Name.Span, symbol.Name));
        }

        return new BoundRule(symbol, metadata, subject, variable, typedModel, scope, exceptions, conditions, body, state.UsesInventory, [.. state.Actions.Order()]);
    }

    private RuleMetadata BindRuleMetadata(RuleSymbol symbol)
    {
        var syntax = symbol.Declaration;
        var source = _file.Tree.Source;
        string? id = null, title = null, remediation = null;
        var severity = Severity.Medium;
        var hasSeverity = false;
        var tags = new List<string>();
        var overrides = new List<RuleSymbol>();
        foreach (var annotation in syntax.Annotations)
        {
            var name = annotation.Name.Name;
            switch (name)
            {
                case "id":
                    id = SingleString(annotation) ?? id;
                    break;
                case "title":
                    title = SingleString(annotation) ?? title;
                    break;
                case "remediation":
                    remediation = SingleString(annotation) ?? remediation;
                    break;
                case "severity":
                    hasSeverity = true;
                    if (annotation.Arguments.Count != 1)
                    {
                        _diagnostics.Add(DiagnosticCatalog.InvalidAnnotation(source, annotation.Span, name, "takes one of info, low, medium, high, critical"));
                        break;
                    }

                    var word = annotation.Arguments[0] switch
                    {
                        NameExpressionSyntax n => n.Name.Name,
                        LiteralExpressionSyntax { Value: string s } => s,
                        _ => null,
                    };
                    if (word is not null && TryParseSeverity(word, out var parsed))
                    {
                        severity = parsed;
                    }
                    else
                    {
                        var suggestion = word is null ? null : Suggestions.Closest(word, ["info", "low", "medium", "high", "critical"]);
                        _diagnostics.Add(DiagnosticCatalog.InvalidAnnotation(source, annotation.Arguments[0].Span, name, $"takes one of info, low, medium, high, critical{(suggestion is null ? string.Empty : $"; did you mean '{suggestion}'?")}"));
                    }

                    break;
                case "tags":
                    foreach (var argument in annotation.Arguments)
                    {
                        if (ConstantString(argument, "@tags") is { } tag)
                        {
                            tags.Add(tag);
                        }
                    }

                    break;
                case "overrides":
                    if (annotation.Arguments.Count == 0)
                    {
                        _diagnostics.Add(DiagnosticCatalog.InvalidAnnotation(source, annotation.Span, name, OverridesUsage));
                    }

                    foreach (var argument in annotation.Arguments)
                    {
                        if (BindOverriddenRule(symbol, argument) is { } overridden && !overrides.Contains(overridden))
                        {
                            overrides.Add(overridden);
                        }
                    }

                    break;
                default:
                    if (!annotation.Name.IsMissing)
                    {
                        _diagnostics.Add(DiagnosticCatalog.UnknownAnnotation(source, annotation.Name.Span, name, Suggestions.Closest(name, AnnotationNames)));
                    }

                    break;
            }
        }

        if (!hasSeverity)
        {
            _diagnostics.Add(DiagnosticCatalog.MissingSeverity(source, syntax.Name.Span, symbol.Name));
        }

        return new RuleMetadata(id ?? symbol.QualifiedName, title, syntax.Doc, severity, tags, remediation, overrides);

        string? SingleString(AnnotationSyntax annotation)
        {
            if (annotation.Arguments.Count != 1)
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidAnnotation(source, annotation.Span, annotation.Name.Name, "takes one string"));
                return null;
            }

            return ConstantString(annotation.Arguments[0], "@" + annotation.Name.Name);
        }
    }

    private const string OverridesUsage = "takes the names of the rules this rule replaces, like baseline.capabilities";

    /// <summary>
    /// Resolves one argument of <c>@overrides(...)</c>: a rule named as in tests (<c>rule</c>, <c>alias.rule</c> or
    /// <c>package.rule</c>), other than the rule itself.
    /// </summary>
    private RuleSymbol? BindOverriddenRule(RuleSymbol symbol, ExpressionSyntax argument)
    {
        var source = _file.Tree.Source;
        if (QualifiedNameOf(argument) is not { } name)
        {
            _diagnostics.Add(DiagnosticCatalog.InvalidAnnotation(source, argument.Span, "overrides", OverridesUsage));
            return null;
        }

        if (ResolveQualifiedMember(name).Member is not RuleSymbol rule)
        {
            var rules = _file.Package.Members.Values.OfType<RuleSymbol>().Select(r => r.Name);
            _diagnostics.Add(DiagnosticCatalog.UnknownRule(source, argument.Span, name.Text, Suggestions.Closest(name.Parts[^1].Name, rules)));
            return null;
        }

        if (rule == symbol)
        {
            _diagnostics.Add(DiagnosticCatalog.InvalidAnnotation(source, argument.Span, "overrides", "cannot name the rule it is on"));
            return null;
        }

        _references.Add(new SymbolReference(_file.Tree, name.Parts[^1].Span, rule, IsDefinition: false));
        return rule;
    }

    /// <summary>The dotted name an expression spells (<c>a.b.c</c>), or null when it is anything else.</summary>
    private static QualifiedNameSyntax? QualifiedNameOf(ExpressionSyntax expression) => expression switch
    {
        NameExpressionSyntax name => new QualifiedNameSyntax([name.Name], name.Span),
        MemberAccessExpressionSyntax member when QualifiedNameOf(member.Target) is { } target => new QualifiedNameSyntax([.. target.Parts, member.Member], member.Span),
        _ => null,
    };

    private static bool TryParseSeverity(string word, out Severity severity)
    {
        severity = word switch
        {
            "info" => Severity.Info,
            "low" => Severity.Low,
            "medium" => Severity.Medium,
            "high" => Severity.High,
            "critical" => Severity.Critical,
            _ => (Severity)(-1),
        };
        return (int)severity >= 0;
    }

    private RuleScope BindScope(RuleDeclarationSyntax syntax, SubjectKind subject)
    {
        var source = _file.Tree.Source;
        var scope = RuleScope.Everything;
        foreach (var clause in syntax.Clauses.OfType<ScopeClauseSyntax>())
        {
            var name = clause.Scope.Name;
            if (clause.Scope.IsMissing)
            {
                continue;
            }

            if (!ScopeNames.Contains(name))
            {
                _diagnostics.Add(DiagnosticCatalog.UnknownScope(source, clause.Scope.Span, name, Suggestions.Closest(name, ScopeNames)));
                continue;
            }

            var applicable = name switch
            {
                "kinds" or "labels" => subject is SubjectKind.Manifest or SubjectKind.Workload or SubjectKind.Admission,
                "operations" => subject is SubjectKind.Manifest or SubjectKind.Workload or SubjectKind.Admission,
                "namespaces" or "names" => subject is not SubjectKind.Image and not SubjectKind.Host,
                _ => true,
            };
            if (!applicable)
            {
                _diagnostics.Add(DiagnosticCatalog.ScopeNotApplicable(source, clause.Scope.Span, name, subject.ToString().ToLowerInvariant()));
                continue;
            }

            var bound = BindExpression(clause.Value, new LocalScope(null));
            if (!ConstantEvaluator.TryEvaluate(bound, out var value))
            {
                if (!bound.Type.IsError)
                {
                    _diagnostics.Add(DiagnosticCatalog.NonConstant(source, clause.Value.Span, $"'{(clause.IsExclude ? "exclude" : "match")} {name}'"));
                }

                continue;
            }

            if (name == "labels")
            {
                var selector = value switch
                {
                    string text => text,
                    IReadOnlyDictionary<string, object?> map when map.Values.All(v => v is string) => LabelSelector.FromMatchLabels(map.Select(p => new KeyValuePair<string, string>(p.Key, (string)(p.Value ?? string.Empty)))),
                    _ => null,
                };
                if (selector is null)
                {
                    _diagnostics.Add(DiagnosticCatalog.DefaultTypeMismatch(source, clause.Value.Span, "'labels'", "a selector string or map<string, string>", bound.Type.Name));
                    continue;
                }

                if (!LabelSelector.TryParse(selector, out _, out var error))
                {
                    _diagnostics.Add(DiagnosticCatalog.InvalidLabelSelector(source, clause.Value.Span, error ?? selector));
                    continue;
                }

                scope = clause.IsExclude ? scope with { ExcludeLabels = selector } : scope with { Labels = selector };
                continue;
            }

            var items = value switch
            {
                string single => [single],
                IReadOnlyList<object?> list when list.All(v => v is string) => list.Cast<string>().ToArray(),
                _ => null,
            };
            if (items is null)
            {
                _diagnostics.Add(DiagnosticCatalog.DefaultTypeMismatch(source, clause.Value.Span, $"'{name}'", "list<string>", bound.Type.Name));
                continue;
            }

            ValidateScopeItems(name, subject, items, clause.Value);
            scope = (name, clause.IsExclude) switch
            {
                ("kinds", false) => scope with { Kinds = items },
                ("kinds", true) => scope with { ExcludeKinds = items },
                ("namespaces", false) => scope with { Namespaces = items },
                ("namespaces", true) => scope with { ExcludeNamespaces = items },
                ("names", false) => scope with { Names = items },
                ("names", true) => scope with { ExcludeNames = items },
                ("operations", false) => scope with { Operations = items },
                _ => scope with { ExcludeOperations = items },
            };
        }

        return scope;
    }

    private void ValidateScopeItems(string scope, SubjectKind subject, string[] items, ExpressionSyntax syntax)
    {
        var source = _file.Tree.Source;
        foreach (var item in items)
        {
            var span = syntax is ListExpressionSyntax list
                ? list.Elements.FirstOrDefault(e => e is LiteralExpressionSyntax { Value: string s } && s == item)?.Span ?? syntax.Span
                : syntax.Span;
            if (scope == "operations" && !Operations.Contains(item))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidScopeValue(source, span, item, "admission operation", Operations));
            }
            else if (scope == "kinds" && subject == SubjectKind.Workload && !Workload.ControllerKinds.Contains(item))
            {
                _diagnostics.Add(DiagnosticCatalog.InvalidScopeValue(source, span, item, "workload kind (it holds no pod template)", [.. Workload.ControllerKinds]));
            }
            else if (scope == "kinds" && item != "*" && KubernetesKinds.FindByKind(item) is null)
            {
                _diagnostics.Add(DiagnosticCatalog.UnknownKind(source, span, item, Suggestions.Closest(item, KubernetesKinds.KindNames)));
            }
        }
    }

    private ObjectType? TypedModelOf(SubjectKind subject, RuleScope scope, RuleDeclarationSyntax syntax)
    {
        if (subject is not (SubjectKind.Manifest or SubjectKind.Admission) || scope.Kinds.Count != 1)
        {
            return null;
        }

        _ = syntax;
        return Schemas.ForKind(scope.Kinds[0]);
    }

    private BoundExpression BindCondition(ExpressionSyntax syntax, LocalScope scope, string what)
    {
        var bound = BindExpression(syntax, scope);
        if (bound is BoundLiteral { Value: bool constant })
        {
            _diagnostics.Add(DiagnosticCatalog.ConstantCondition(_file.Tree.Source, syntax.Span, constant ? "true" : "false"));
        }

        if (bound.Type == TypeSymbol.Bool || bound.Type.IsError)
        {
            return bound;
        }

        if (bound.Type == TypeSymbol.Null)
        {
            return Operators.Convert(bound, TypeSymbol.Bool);
        }

        if (bound.Type is DynamicType)
        {
            return new BoundConversion(syntax, bound, TypeSymbol.Bool);
        }

        _diagnostics.Add(DiagnosticCatalog.ConditionNotBool(_file.Tree.Source, syntax.Span, what, bound.Type.Name));
        return new BoundErrorExpression(syntax);
    }

    // ---- statements -------------------------------------------------------------------------------------

    private BoundStatement BindStatement(StatementSyntax syntax, LocalScope scope)
    {
        _scopesAtNodes[syntax] = scope;
        switch (syntax)
        {
            case BlockStatementSyntax block:
                var inner = new LocalScope(scope);
                return new BoundBlock(syntax, block.Statements.Select(s => BindStatement(s, inner)).ToArray());
            case LetStatementSyntax let:
                var value = BindExpression(let.Value, scope);
                var local = new LocalSymbol(let.Name.Name, value.Type, LocalKind.Let, _file.Tree, let.Name.Span, value.Path);
                Declare(local, scope);
                _declaredLets.Add(local);
                return new BoundLet(syntax, local, value);
            case ForStatementSyntax loop:
                var loopScope = new LocalScope(scope);
                var iteration = BindIteration(loop.Variable, loop.SecondVariable, loop.Collection, scope, loopScope);
                var filter = loop.Filter is null ? null : BindCondition(loop.Filter, loopScope, "a 'where' filter");
                return new BoundFor(syntax, iteration, filter, BindStatement(loop.Body, new LocalScope(loopScope)));
            case IfStatementSyntax ifStatement:
                return new BoundIf(syntax, BindCondition(ifStatement.Condition, scope, "an 'if' condition"), BindStatement(ifStatement.Then, new LocalScope(scope)), ifStatement.Else is null ? null : BindStatement(ifStatement.Else, new LocalScope(scope)));
            case ActionStatementSyntax action:
                return BindAction(action, scope);
            case MutateStatementSyntax mutate:
                return BindMutate(mutate, scope);
            default:
                return new BoundBlock(syntax, []);
        }
    }

    private void ReportUnusedLets()
    {
        foreach (var local in _declaredLets.Where(l => !_usedSymbols.Contains(l) && !l.Name.StartsWith('_')))
        {
            _diagnostics.Add(DiagnosticCatalog.UnusedLet(local.Tree.Source, local.DeclarationSpan, local.Name));
        }

        _declaredLets.Clear();
    }

    private void Declare(LocalSymbol local, LocalScope scope)
    {
        if (string.IsNullOrEmpty(local.Name))
        {
            return;
        }

        if (!scope.TryDeclare(local))
        {
            _diagnostics.Add(DiagnosticCatalog.ShadowedName(_file.Tree.Source, local.DeclarationSpan, local.Name));
        }

        _references.Add(new SymbolReference(_file.Tree, local.DeclarationSpan, local, IsDefinition: true));
    }

    private BoundStatement BindAction(ActionStatementSyntax syntax, LocalScope scope)
    {
        var source = _file.Tree.Source;
        var state = _declaration.Rule;
        var action = syntax.Action switch
        {
            ActionKind.Deny => FindingAction.Deny,
            ActionKind.Warn => FindingAction.Warn,
            ActionKind.Audit => FindingAction.Audit,
            _ => FindingAction.Alert,
        };
        if (state is not null)
        {
            if (action == FindingAction.Alert && state.Subject != SubjectKind.Event)
            {
                _diagnostics.Add(DiagnosticCatalog.ActionNotAllowed(source, syntax.KeywordSpan, "alert", state.Subject.ToString().ToLowerInvariant(), "use deny, warn or audit"));
            }
            else if (action == FindingAction.Deny && state.Subject == SubjectKind.Event)
            {
                _diagnostics.Add(DiagnosticCatalog.ActionNotAllowed(source, syntax.KeywordSpan, "deny", "event", "an event has already happened: use alert, warn or audit"));
            }

            state.Actions.Add(action);
        }

        BoundExpression message;
        if (syntax.Message is null)
        {
            var rule = _declaration.Symbol as RuleSymbol;
            var title = rule?.Declaration.Annotations.FirstOrDefault(a => a.Name.Name == "title")?.Arguments.FirstOrDefault() as LiteralExpressionSyntax;
            message = new BoundLiteral(syntax, TypeSymbol.String, title?.Value as string ?? $"violates rule {rule?.Name}");
        }
        else
        {
            message = BindExpression(syntax.Message, scope);
            if (message.Type != TypeSymbol.String && !message.Type.IsError)
            {
                _diagnostics.Add(DiagnosticCatalog.MessageNotString(source, syntax.Message.Span, message.Type.Name));
            }
        }

        BoundPath? at = null;
        if (syntax.At is not null)
        {
            var target = BindExpression(syntax.At, scope);
            at = target.Path;
            if (at is null && !target.Type.IsError)
            {
                _diagnostics.Add(DiagnosticCatalog.UnlocatablePath(source, syntax.At.Span));
            }
        }

        var condition = syntax.When is null ? null : BindCondition(syntax.When, scope, "an action's 'when' condition");
        return new BoundAction(syntax, action, message, at, condition);
    }

    private BoundStatement BindMutate(MutateStatementSyntax syntax, LocalScope scope)
    {
        var source = _file.Tree.Source;
        var state = _declaration.Rule;
        if (state is not null)
        {
            if (state.Subject is not (SubjectKind.Manifest or SubjectKind.Workload or SubjectKind.Admission))
            {
                _diagnostics.Add(DiagnosticCatalog.ActionNotAllowed(source, new Text.TextSpan(syntax.Span.Start, 6), "mutate", state.Subject.ToString().ToLowerInvariant(), "only Kubernetes objects can be mutated"));
            }

            state.Actions.Add(FindingAction.Mutate);
        }

        var target = BindExpression(syntax.Target, scope);
        var value = syntax.Value is null ? null : BindExpression(syntax.Value, scope);
        var condition = syntax.When is null ? null : BindCondition(syntax.When, scope, "a mutation's 'when' condition");
        if (target.Path is not { } path)
        {
            if (!target.Type.IsError)
            {
                _diagnostics.Add(DiagnosticCatalog.NotAssignable(source, syntax.Target.Span, "this expression is not a field of the subject"));
            }

            return new BoundBlock(syntax, []);
        }

        if (value is not null && !value.Type.IsError && !target.Type.IsError && target.Type is not DynamicType && !IsAssignable(value.Type, target.Type))
        {
            _diagnostics.Add(DiagnosticCatalog.DefaultTypeMismatch(source, syntax.Value?.Span ?? syntax.Span, $"'{source[syntax.Target.Span]}'", target.Type.Name, value.Type.Name));
        }

        return new BoundMutate(syntax, syntax.IsRemove, path, source[syntax.Target.Span], value, condition);
    }
}
