// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Compiler.Binding;

internal sealed partial class Binder
{
    internal static readonly string[] FixtureSubjects = ["manifest", "admission", "image", "event", "host"];
    internal static readonly string[] ExpectKinds = ["deny", "warn", "audit", "alert", "mutate", "error", "finding", "findings"];

    private BoundTest BindTest(TestSymbol symbol)
    {
        var source = _file.Tree.Source;
        var fixtures = new List<BoundFixture>();
        var settings = new List<BoundParamSetting>();
        var expectations = new List<BoundExpectation>();
        foreach (var statement in symbol.Declaration.Statements)
        {
            switch (statement)
            {
                case GivenStatementSyntax given:
                    var subject = given.Subject.Name;
                    if (!FixtureSubjects.Contains(subject))
                    {
                        if (!given.Subject.IsMissing)
                        {
                            var hint = subject == "workload" ? "manifest" : Suggestions.Closest(subject, FixtureSubjects);
                            _diagnostics.Add(DiagnosticCatalog.InvalidFixture(source, given.Subject.Span, $"'{subject}' is not a fixture kind; expected one of {string.Join(", ", FixtureSubjects)}{(hint is null ? string.Empty : $"; did you mean '{hint}'?")}"));
                        }

                        break;
                    }

                    if (given.File is { Length: 0 } || (given.File is null && string.IsNullOrWhiteSpace(given.Inline)))
                    {
                        _diagnostics.Add(DiagnosticCatalog.InvalidFixture(source, given.ContentSpan, "the fixture is empty"));
                        break;
                    }

                    fixtures.Add(new BoundFixture(subject, given.File, given.Inline, _file.Tree, given.ContentSpan));
                    break;
                case WithStatementSyntax with:
                    if (with.Name.Parts.Any(p => p.IsMissing))
                    {
                        break;
                    }

                    var (owner, member) = ResolveQualifiedMember(with.Name);
                    if (owner is null)
                    {
                        var packageName = string.Join('.', with.Name.Parts.SkipLast(1).Select(p => p.Name));
                        _diagnostics.Add(DiagnosticCatalog.UnknownPackage(source, new TextSpan(with.Name.Span.Start, with.Name.Parts[^2].Span.End - with.Name.Span.Start), packageName, Suggestions.Closest(packageName, _file.Imports.Keys.Concat(_packages.Keys))));
                        break;
                    }

                    if (member is not ParamSymbol param)
                    {
                        var package = owner;
                        var parameters = package.Members.Values.OfType<ParamSymbol>().Select(p => p.Name);
                        _diagnostics.Add(DiagnosticCatalog.UnknownParameter(source, with.Name.Span, with.Name.Parts[^1].Name, package.Name, Suggestions.Closest(with.Name.Parts[^1].Name, parameters)));
                        break;
                    }

                    _references.Add(new SymbolReference(_file.Tree, with.Name.Parts[^1].Span, param, IsDefinition: false));
                    _usedSymbols.Add(param);
                    _declaration = DeclarationContext.Constant(symbol);
                    var value = BindExpression(with.Value, new LocalScope(null));
                    _declaration = DeclarationContext.None;
                    var converted = ConvertTo(value, param.Type, () => DiagnosticCatalog.DefaultTypeMismatch(source, with.Value.Span, $"parameter '{param.Name}'", param.Type.Name, value.Type.Name));
                    if (!ConstantEvaluator.TryEvaluate(converted, out var constant))
                    {
                        if (!converted.Type.IsError)
                        {
                            _diagnostics.Add(DiagnosticCatalog.NonConstant(source, with.Value.Span, "a test's parameter value"));
                        }

                        break;
                    }

                    settings.Add(new BoundParamSetting(param, constant, with.Span));
                    break;
                case ExpectStatementSyntax expect:
                    if (BindExpectation(expect) is { } expectation)
                    {
                        expectations.Add(expectation);
                    }

                    break;
            }
        }

        if (!symbol.Declaration.Statements.OfType<GivenStatementSyntax>().Any())
        {
            _diagnostics.Add(DiagnosticCatalog.InvalidFixture(source, symbol.Declaration.Name.Span, "the test has no fixture: add 'given manifest from \"file.yaml\"' or an inline fixture"));
        }

        if (!symbol.Declaration.Statements.OfType<ExpectStatementSyntax>().Any())
        {
            _diagnostics.Add(DiagnosticCatalog.InvalidExpectation(source, symbol.Declaration.Name.Span, "the test expects nothing: add an 'expect' statement"));
        }

        return new BoundTest(symbol, fixtures, settings, expectations);
    }

    private BoundExpectation? BindExpectation(ExpectStatementSyntax expect)
    {
        var source = _file.Tree.Source;
        var kind = expect.Kind.Name;
        if (expect.Kind.IsMissing)
        {
            return null;
        }

        if (!ExpectKinds.Contains(kind))
        {
            _diagnostics.Add(DiagnosticCatalog.InvalidExpectation(source, expect.Kind.Span, $"'{kind}' is not something a test can expect; expected one of deny, warn, audit, alert, mutate, error, finding{(Suggestions.Closest(kind, ExpectKinds) is { } s ? $"; did you mean '{s}'?" : string.Empty)}"));
            return null;
        }

        FindingAction? action = kind switch
        {
            "deny" => FindingAction.Deny,
            "warn" => FindingAction.Warn,
            "audit" => FindingAction.Audit,
            "alert" => FindingAction.Alert,
            "mutate" => FindingAction.Mutate,
            "error" => FindingAction.Error,
            _ => null,
        };

        RuleSymbol? rule = null;
        if (expect.Rule is { } ruleName && !ruleName.Parts.Any(p => p.IsMissing))
        {
            var text = ruleName.Text;
            rule = ResolveQualifiedMember(ruleName).Member as RuleSymbol;
            if (rule is null)
            {
                var rules = _file.Package.Members.Values.OfType<RuleSymbol>().Select(r => r.Name);
                _diagnostics.Add(DiagnosticCatalog.UnknownRule(source, ruleName.Span, text, Suggestions.Closest(ruleName.Parts[^1].Name, rules)));
                return null;
            }

            _references.Add(new SymbolReference(_file.Tree, ruleName.Parts[^1].Span, rule, IsDefinition: false));
        }

        if (expect.IsNegated && expect.Count is not null)
        {
            _diagnostics.Add(DiagnosticCatalog.InvalidExpectation(source, expect.Span, "'expect no' takes no count"));
            return null;
        }

        return new BoundExpectation(expect.IsNegated, expect.Count, action, rule, expect.Message, expect.At, expect);
    }

    /// <summary>
    /// Resolves a name as tests and <c>@overrides</c> write it: <c>name</c> in this package, <c>alias.name</c> through an import of this file,
    /// or <c>package.name</c> by the package's full name. The package is null when none matches.
    /// </summary>
    private (PackageSymbol? Package, DeclaredSymbol? Member) ResolveQualifiedMember(QualifiedNameSyntax name)
    {
        PackageSymbol? package;
        if (name.Parts.Count == 1)
        {
            package = _file.Package;
        }
        else if (name.Parts.Count == 2 && _file.Imports.TryGetValue(name.Parts[0].Name, out var import))
        {
            _file.UsedImports.Add(import);
            package = import.Package;
        }
        else
        {
            _packages.TryGetValue(string.Join('.', name.Parts.SkipLast(1).Select(p => p.Name)), out package);
        }

        DeclaredSymbol? member = null;
        package?.Members.TryGetValue(name.Parts[^1].Name, out member);
        return (package, member);
    }
}
