// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Diagnostics;

public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor UnknownFieldDescriptor = new("PL0200", DiagnosticLevel.Error, DiagnosticStage.Types, "Unknown field", "{0} has no field '{1}'{2}");
    public static readonly DiagnosticDescriptor OperatorTypeMismatchDescriptor = new("PL0201", DiagnosticLevel.Error, DiagnosticStage.Types, "Binary operator type mismatch", "operator '{0}' cannot be applied to {1} and {2}");
    public static readonly DiagnosticDescriptor ConditionNotBoolDescriptor = new("PL0202", DiagnosticLevel.Error, DiagnosticStage.Types, "Condition is not bool", "{0} must be bool, but this is {1}");
    public static readonly DiagnosticDescriptor UnknownFunctionDescriptor = new("PL0203", DiagnosticLevel.Error, DiagnosticStage.Types, "Unknown function", "'{0}' is not a function{1}");
    public static readonly DiagnosticDescriptor WrongArgumentCountDescriptor = new("PL0204", DiagnosticLevel.Error, DiagnosticStage.Types, "Wrong argument count", "'{0}' takes {1}, but {2} given");
    public static readonly DiagnosticDescriptor ArgumentTypeMismatchDescriptor = new("PL0205", DiagnosticLevel.Error, DiagnosticStage.Types, "Argument type mismatch", "no overload of '{0}' takes ({1}); candidates: {2}");
    public static readonly DiagnosticDescriptor NotIterableDescriptor = new("PL0206", DiagnosticLevel.Error, DiagnosticStage.Types, "Not iterable", "cannot iterate over {0}; expected a list, set or map");
    public static readonly DiagnosticDescriptor NotIndexableDescriptor = new("PL0207", DiagnosticLevel.Error, DiagnosticStage.Types, "Not indexable", "cannot index {0} with {1}");
    public static readonly DiagnosticDescriptor UnknownTypeDescriptor = new("PL0208", DiagnosticLevel.Error, DiagnosticStage.Types, "Unknown type", "'{0}' is not a type{1}");
    public static readonly DiagnosticDescriptor MessageNotStringDescriptor = new("PL0209", DiagnosticLevel.Error, DiagnosticStage.Types, "Message is not a string", "a message must be a string, but this is {0}");
    public static readonly DiagnosticDescriptor DefaultTypeMismatchDescriptor = new("PL0210", DiagnosticLevel.Error, DiagnosticStage.Types, "Value type mismatch", "{0} has type {1}, but the value is {2}");
    public static readonly DiagnosticDescriptor InvalidConstantArgumentDescriptor = new("PL0211", DiagnosticLevel.Error, DiagnosticStage.Types, "Invalid argument", "invalid argument to '{0}': {1}");
    public static readonly DiagnosticDescriptor MixedElementTypesDescriptor = new("PL0212", DiagnosticLevel.Error, DiagnosticStage.Types, "Mixed element types", "the elements of this {0} have different types: {1} and {2}");
    public static readonly DiagnosticDescriptor ReturnTypeMismatchDescriptor = new("PL0213", DiagnosticLevel.Error, DiagnosticStage.Types, "Return type mismatch", "function '{0}' is declared to return {1}, but its body is {2}");
    public static readonly DiagnosticDescriptor NotAssignableDescriptor = new("PL0214", DiagnosticLevel.Error, DiagnosticStage.Types, "Not a mutable field", "'mutate' needs a field of the subject's object; {0}");
    public static readonly DiagnosticDescriptor NotCallableDescriptor = new("PL0215", DiagnosticLevel.Error, DiagnosticStage.Types, "Not callable", "'{0}' is {1}, not a function");
    public static readonly DiagnosticDescriptor UnaryTypeMismatchDescriptor = new("PL0216", DiagnosticLevel.Error, DiagnosticStage.Types, "Unary operator type mismatch", "operator '{0}' cannot be applied to {1}");
    public static readonly DiagnosticDescriptor ConstantOutOfRangeDescriptor = new("PL0217", DiagnosticLevel.Error, DiagnosticStage.Types, "Value out of range", "{0}");
    public static readonly DiagnosticDescriptor ComparisonNeverTrueDescriptor = new("PL0218", DiagnosticLevel.Warning, DiagnosticStage.Types, "Comparison is never true", "{0} is never equal to {1}; this comparison is always {2}");

    public static readonly DiagnosticDescriptor NotAValueDescriptor = new("PL0219", DiagnosticLevel.Error, DiagnosticStage.Types, "Not a value", "'{0}' is {1}");

    public static Diagnostic NotAValue(SourceText source, TextSpan span, string name, string what) => Make(NotAValueDescriptor, source, span, name, what);

    public static Diagnostic UnknownField(SourceText source, TextSpan span, string type, string field, string? suggestion) => MakeWithFix(UnknownFieldDescriptor, source, span, FixFor(span, suggestion), type, field, DidYouMean(suggestion));

    public static Diagnostic OperatorTypeMismatch(SourceText source, TextSpan span, string op, string left, string right) => Make(OperatorTypeMismatchDescriptor, source, span, op, left, right);

    public static Diagnostic ConditionNotBool(SourceText source, TextSpan span, string what, string type) => Make(ConditionNotBoolDescriptor, source, span, what, type);

    public static Diagnostic UnknownFunction(SourceText source, TextSpan span, string name, string? suggestion) => MakeWithFix(UnknownFunctionDescriptor, source, span, FixFor(span, suggestion), name, DidYouMean(suggestion));

    public static Diagnostic WrongArgumentCount(SourceText source, TextSpan span, string name, string expected, int given) =>
        Make(WrongArgumentCountDescriptor, source, span, name, expected, given == 1 ? "1 was" : $"{given} were");

    public static Diagnostic ArgumentTypeMismatch(SourceText source, TextSpan span, string name, string given, string candidates) => Make(ArgumentTypeMismatchDescriptor, source, span, name, given, candidates);

    public static Diagnostic NotIterable(SourceText source, TextSpan span, string type) => Make(NotIterableDescriptor, source, span, type);

    public static Diagnostic NotIndexable(SourceText source, TextSpan span, string type, string index) => Make(NotIndexableDescriptor, source, span, type, index);

    public static Diagnostic UnknownType(SourceText source, TextSpan span, string name, string? suggestion) => MakeWithFix(UnknownTypeDescriptor, source, span, FixFor(span, suggestion), name, DidYouMean(suggestion));

    public static Diagnostic MessageNotString(SourceText source, TextSpan span, string type) => Make(MessageNotStringDescriptor, source, span, type);

    public static Diagnostic DefaultTypeMismatch(SourceText source, TextSpan span, string what, string expected, string actual) => Make(DefaultTypeMismatchDescriptor, source, span, what, expected, actual);

    public static Diagnostic InvalidConstantArgument(SourceText source, TextSpan span, string function, string problem) => Make(InvalidConstantArgumentDescriptor, source, span, function, problem);

    public static Diagnostic MixedElementTypes(SourceText source, TextSpan span, string collection, string first, string other) => Make(MixedElementTypesDescriptor, source, span, collection, first, other);

    public static Diagnostic ReturnTypeMismatch(SourceText source, TextSpan span, string function, string declared, string actual) => Make(ReturnTypeMismatchDescriptor, source, span, function, declared, actual);

    public static Diagnostic NotAssignable(SourceText source, TextSpan span, string reason) => Make(NotAssignableDescriptor, source, span, reason);

    public static Diagnostic NotCallable(SourceText source, TextSpan span, string name, string what) => Make(NotCallableDescriptor, source, span, name, what);

    public static Diagnostic UnaryTypeMismatch(SourceText source, TextSpan span, string op, string operand) => Make(UnaryTypeMismatchDescriptor, source, span, op, operand);

    public static Diagnostic ConstantOutOfRange(SourceText source, TextSpan span, string problem) => Make(ConstantOutOfRangeDescriptor, source, span, problem);

    public static Diagnostic ComparisonNeverTrue(SourceText source, TextSpan span, string left, string right, string result) => Make(ComparisonNeverTrueDescriptor, source, span, left, right, result);
}
