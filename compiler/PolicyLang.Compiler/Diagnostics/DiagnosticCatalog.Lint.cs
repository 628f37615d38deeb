// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Diagnostics;

public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor UnusedLetDescriptor = new("PL0300", DiagnosticLevel.Warning, DiagnosticStage.Lint, "Unused variable", "'{0}' is never used");
    public static readonly DiagnosticDescriptor RuleWithoutActionDescriptor = new("PL0301", DiagnosticLevel.Warning, DiagnosticStage.Lint, "Rule without action", "rule '{0}' has no deny, warn, audit, alert or mutate statement, so it can never report anything");
    public static readonly DiagnosticDescriptor UnusedParameterDescriptor = new("PL0302", DiagnosticLevel.Warning, DiagnosticStage.Lint, "Unused parameter", "parameter '{0}' is never used");
    public static readonly DiagnosticDescriptor ConstantConditionDescriptor = new("PL0303", DiagnosticLevel.Warning, DiagnosticStage.Lint, "Constant condition", "this condition is always {0}");
    public static readonly DiagnosticDescriptor MissingSeverityDescriptor = new("PL0304", DiagnosticLevel.Info, DiagnosticStage.Lint, "Missing severity", "rule '{0}' has no @severity; it defaults to medium");

    public static Diagnostic UnusedLet(SourceText source, TextSpan span, string name) => Make(UnusedLetDescriptor, source, span, name);

    public static Diagnostic RuleWithoutAction(SourceText source, TextSpan span, string rule) => Make(RuleWithoutActionDescriptor, source, span, rule);

    public static Diagnostic UnusedParameter(SourceText source, TextSpan span, string name) => Make(UnusedParameterDescriptor, source, span, name);

    public static Diagnostic ConstantCondition(SourceText source, TextSpan span, string value) => Make(ConstantConditionDescriptor, source, span, value);

    public static Diagnostic MissingSeverity(SourceText source, TextSpan span, string rule) => Make(MissingSeverityDescriptor, source, span, rule);
}
