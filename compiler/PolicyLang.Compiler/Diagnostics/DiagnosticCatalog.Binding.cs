// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Diagnostics;

public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor UnknownNameDescriptor = new("PL0100", DiagnosticLevel.Error, DiagnosticStage.Binding, "Unknown name", "'{0}' is not defined{1}");
    public static readonly DiagnosticDescriptor DuplicateDeclarationDescriptor = new("PL0101", DiagnosticLevel.Error, DiagnosticStage.Binding, "Duplicate declaration", "'{0}' is already declared in package {1} (at {2})");
    public static readonly DiagnosticDescriptor UnknownPackageDescriptor = new("PL0102", DiagnosticLevel.Error, DiagnosticStage.Binding, "Unknown package", "no package named '{0}' is among the compiled files{1}");
    public static readonly DiagnosticDescriptor UnusedImportDescriptor = new("PL0103", DiagnosticLevel.Warning, DiagnosticStage.Binding, "Unused import", "the import of '{0}' is not used");
    public static readonly DiagnosticDescriptor UnknownSubjectDescriptor = new("PL0104", DiagnosticLevel.Error, DiagnosticStage.Binding, "Unknown subject", "'{0}' is not a subject kind; expected one of manifest, workload, admission, image, event, host{1}");
    public static readonly DiagnosticDescriptor DuplicateRuleIdDescriptor = new("PL0105", DiagnosticLevel.Error, DiagnosticStage.Binding, "Duplicate rule id", "rule id '{0}' is also used by rule {1}");
    public static readonly DiagnosticDescriptor RecursiveFunctionDescriptor = new("PL0106", DiagnosticLevel.Error, DiagnosticStage.Binding, "Recursive function", "function '{0}' calls itself through {1}; functions must not be recursive");
    public static readonly DiagnosticDescriptor UnknownAnnotationDescriptor = new("PL0107", DiagnosticLevel.Error, DiagnosticStage.Binding, "Unknown annotation", "'@{0}' is not an annotation; expected one of @id, @title, @severity, @tags, @remediation, @overrides{1}");
    public static readonly DiagnosticDescriptor InvalidAnnotationDescriptor = new("PL0108", DiagnosticLevel.Error, DiagnosticStage.Binding, "Invalid annotation", "'@{0}' {1}");
    public static readonly DiagnosticDescriptor UnknownScopeDescriptor = new("PL0109", DiagnosticLevel.Error, DiagnosticStage.Binding, "Unknown scope", "'{0}' is not a scope; expected one of kinds, namespaces, names, labels, operations{1}");
    public static readonly DiagnosticDescriptor NonConstantDescriptor = new("PL0110", DiagnosticLevel.Error, DiagnosticStage.Binding, "Constant required", "{0} must be a constant (literals, lists and constants only)");
    public static readonly DiagnosticDescriptor InvalidLabelSelectorDescriptor = new("PL0111", DiagnosticLevel.Error, DiagnosticStage.Binding, "Invalid label selector", "invalid label selector: {0}");
    public static readonly DiagnosticDescriptor UnknownKindDescriptor = new("PL0112", DiagnosticLevel.Info, DiagnosticStage.Binding, "Unknown kind", "'{0}' is not a built-in Kubernetes kind; objects of this kind are read dynamically{1}");
    public static readonly DiagnosticDescriptor MissingPackageDescriptor = new("PL0113", DiagnosticLevel.Warning, DiagnosticStage.Binding, "Missing package", "the file declares no package; its declarations go to package '{0}'");
    public static readonly DiagnosticDescriptor UnknownRuleDescriptor = new("PL0114", DiagnosticLevel.Error, DiagnosticStage.Binding, "Unknown rule", "no rule named '{0}' is visible here{1}");
    public static readonly DiagnosticDescriptor InvalidFixtureDescriptor = new("PL0115", DiagnosticLevel.Error, DiagnosticStage.Binding, "Invalid fixture", "{0}");
    public static readonly DiagnosticDescriptor ActionNotAllowedDescriptor = new("PL0116", DiagnosticLevel.Error, DiagnosticStage.Binding, "Action not allowed", "'{0}' is not allowed in a rule on {1}; {2}");
    public static readonly DiagnosticDescriptor UnknownParameterDescriptor = new("PL0117", DiagnosticLevel.Error, DiagnosticStage.Binding, "Unknown parameter", "'{0}' is not a parameter of package {1}{2}");
    public static readonly DiagnosticDescriptor UnlocatablePathDescriptor = new("PL0118", DiagnosticLevel.Error, DiagnosticStage.Binding, "Path cannot be located", "'at' needs a field of the subject (like c.securityContext.privileged); this expression has no place in the document");
    public static readonly DiagnosticDescriptor InvalidExpectationDescriptor = new("PL0119", DiagnosticLevel.Error, DiagnosticStage.Binding, "Invalid expectation", "{0}");
    public static readonly DiagnosticDescriptor ShadowedNameDescriptor = new("PL0120", DiagnosticLevel.Error, DiagnosticStage.Binding, "Name already in scope", "'{0}' is already defined in this scope");
    public static readonly DiagnosticDescriptor ScopeNotApplicableDescriptor = new("PL0121", DiagnosticLevel.Error, DiagnosticStage.Binding, "Scope not applicable", "'{0}' does not apply to rules on {1}");
    public static readonly DiagnosticDescriptor ImportSelfDescriptor = new("PL0122", DiagnosticLevel.Warning, DiagnosticStage.Binding, "Import of own package", "package '{0}' imports itself");
    public static readonly DiagnosticDescriptor CircularConstantDescriptor = new("PL0124", DiagnosticLevel.Error, DiagnosticStage.Binding, "Circular constant", "the value of '{0}' depends on itself");
    public static readonly DiagnosticDescriptor InvalidScopeValueDescriptor = new("PL0125", DiagnosticLevel.Error, DiagnosticStage.Binding, "Invalid scope value", "'{0}' is not a valid {1}; expected one of {2}{3}");
    public static readonly DiagnosticDescriptor AmbiguousNameDescriptor = new("PL0123", DiagnosticLevel.Error, DiagnosticStage.Binding, "Ambiguous name", "'{0}' is defined in several imported packages ({1}); qualify it");

    public static Diagnostic UnknownName(SourceText source, TextSpan span, string name, string? suggestion) => MakeWithFix(UnknownNameDescriptor, source, span, FixFor(span, suggestion), name, DidYouMean(suggestion));

    public static Diagnostic DuplicateDeclaration(SourceText source, TextSpan span, string name, string package, string previous) => Make(DuplicateDeclarationDescriptor, source, span, name, package, previous);

    public static Diagnostic UnknownPackage(SourceText source, TextSpan span, string package, string? suggestion) => MakeWithFix(UnknownPackageDescriptor, source, span, FixFor(span, suggestion), package, DidYouMean(suggestion));

    public static Diagnostic UnusedImport(SourceText source, TextSpan span, string package) =>
        new(UnusedImportDescriptor, source, span, $"the import of '{package}' is not used", new DiagnosticFix("Remove the unused import", span, string.Empty));

    public static Diagnostic UnknownSubject(SourceText source, TextSpan span, string name, string? suggestion) => MakeWithFix(UnknownSubjectDescriptor, source, span, FixFor(span, suggestion), name, DidYouMean(suggestion));

    public static Diagnostic DuplicateRuleId(SourceText source, TextSpan span, string id, string other) => Make(DuplicateRuleIdDescriptor, source, span, id, other);

    public static Diagnostic RecursiveFunction(SourceText source, TextSpan span, string name, string cycle) => Make(RecursiveFunctionDescriptor, source, span, name, cycle);

    public static Diagnostic UnknownAnnotation(SourceText source, TextSpan span, string name, string? suggestion) => MakeWithFix(UnknownAnnotationDescriptor, source, span, FixFor(span, suggestion), name, DidYouMean(suggestion));

    public static Diagnostic InvalidAnnotation(SourceText source, TextSpan span, string name, string problem) => Make(InvalidAnnotationDescriptor, source, span, name, problem);

    public static Diagnostic UnknownScope(SourceText source, TextSpan span, string name, string? suggestion) => MakeWithFix(UnknownScopeDescriptor, source, span, FixFor(span, suggestion), name, DidYouMean(suggestion));

    public static Diagnostic NonConstant(SourceText source, TextSpan span, string what) => Make(NonConstantDescriptor, source, span, what);

    public static Diagnostic InvalidLabelSelector(SourceText source, TextSpan span, string problem) => Make(InvalidLabelSelectorDescriptor, source, span, problem);

    public static Diagnostic UnknownKind(SourceText source, TextSpan span, string kind, string? suggestion) => MakeWithFix(UnknownKindDescriptor, source, span, suggestion is null ? null : new DiagnosticFix($"Change to '{suggestion}'", span, "\"" + suggestion + "\""), kind, DidYouMean(suggestion));

    public static Diagnostic MissingPackage(SourceText source, TextSpan span, string package) => Make(MissingPackageDescriptor, source, span, package);

    public static Diagnostic UnknownRule(SourceText source, TextSpan span, string name, string? suggestion) => MakeWithFix(UnknownRuleDescriptor, source, span, FixFor(span, suggestion), name, DidYouMean(suggestion));

    public static Diagnostic InvalidFixture(SourceText source, TextSpan span, string problem) => Make(InvalidFixtureDescriptor, source, span, problem);

    public static Diagnostic ActionNotAllowed(SourceText source, TextSpan span, string action, string subject, string hint) => Make(ActionNotAllowedDescriptor, source, span, action, subject, hint);

    public static Diagnostic UnknownParameter(SourceText source, TextSpan span, string name, string package, string? suggestion) => MakeWithFix(UnknownParameterDescriptor, source, span, FixFor(span, suggestion), name, package, DidYouMean(suggestion));

    public static Diagnostic UnlocatablePath(SourceText source, TextSpan span) => Make(UnlocatablePathDescriptor, source, span);

    public static Diagnostic InvalidExpectation(SourceText source, TextSpan span, string problem) => Make(InvalidExpectationDescriptor, source, span, problem);

    public static Diagnostic ShadowedName(SourceText source, TextSpan span, string name) => Make(ShadowedNameDescriptor, source, span, name);

    public static Diagnostic ScopeNotApplicable(SourceText source, TextSpan span, string scope, string subject) => Make(ScopeNotApplicableDescriptor, source, span, scope, subject);

    public static Diagnostic ImportSelf(SourceText source, TextSpan span, string package) => Make(ImportSelfDescriptor, source, span, package);

    public static Diagnostic CircularConstant(SourceText source, TextSpan span, string name) => Make(CircularConstantDescriptor, source, span, name);

    public static Diagnostic InvalidScopeValue(SourceText source, TextSpan span, string value, string what, IReadOnlyList<string> expected) =>
        Make(InvalidScopeValueDescriptor, source, span, value, what, string.Join(", ", expected), DidYouMean(Suggestions.Closest(value, expected)));

    public static Diagnostic AmbiguousName(SourceText source, TextSpan span, string name, string packages) => Make(AmbiguousNameDescriptor, source, span, name, packages);
}
