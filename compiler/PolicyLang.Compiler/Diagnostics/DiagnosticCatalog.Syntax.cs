// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Diagnostics;

public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor UnexpectedCharacterDescriptor = new("PL0001", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Unexpected character", "unexpected character '{0}'");
    public static readonly DiagnosticDescriptor UnterminatedStringDescriptor = new("PL0002", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Unterminated string", "this string is not closed before the end of the line");
    public static readonly DiagnosticDescriptor UnexpectedTokenDescriptor = new("PL0003", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Unexpected token", "unexpected {0}; expected {1}");
    public static readonly DiagnosticDescriptor MissingTokenDescriptor = new("PL0004", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Missing token", "missing {0} before {1}");
    public static readonly DiagnosticDescriptor InvalidEscapeDescriptor = new("PL0005", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Invalid escape sequence", "invalid escape sequence '{0}'");
    public static readonly DiagnosticDescriptor InvalidNumberDescriptor = new("PL0006", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Invalid number", "'{0}' is not a valid number: {1}");
    public static readonly DiagnosticDescriptor InvalidInterpolationDescriptor = new("PL0007", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Invalid interpolation", "invalid interpolation: {0}");
    public static readonly DiagnosticDescriptor UnterminatedCommentDescriptor = new("PL0008", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Unterminated comment", "this block comment is not closed");
    public static readonly DiagnosticDescriptor MisplacedDocCommentDescriptor = new("PL0009", DiagnosticLevel.Warning, DiagnosticStage.Syntax, "Misplaced doc comment", "a doc comment (///) must come right before a declaration");
    public static readonly DiagnosticDescriptor InputTooLargeDescriptor = new("PL0010", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Source too large", "the source file is too large ({0} characters; the limit is {1})");
    public static readonly DiagnosticDescriptor NestingTooDeepDescriptor = new("PL0011", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Nesting too deep", "expressions are nested too deeply (the limit is {0} levels)");
    public static readonly DiagnosticDescriptor BinarySourceDescriptor = new("PL0012", DiagnosticLevel.Error, DiagnosticStage.Syntax, "Binary file", "this file holds binary data (a NUL character), not policy text");

    public static Diagnostic UnexpectedCharacter(SourceText source, TextSpan span, string character) => Make(UnexpectedCharacterDescriptor, source, span, character);

    public static Diagnostic UnterminatedString(SourceText source, TextSpan span) => Make(UnterminatedStringDescriptor, source, span);

    public static Diagnostic UnexpectedToken(SourceText source, TextSpan span, string found, string expected) => Make(UnexpectedTokenDescriptor, source, span, found, expected);

    public static Diagnostic MissingToken(SourceText source, TextSpan span, string missing, string before) => Make(MissingTokenDescriptor, source, span, missing, before);

    public static Diagnostic InvalidEscape(SourceText source, TextSpan span, string escape) => Make(InvalidEscapeDescriptor, source, span, escape);

    public static Diagnostic InvalidNumber(SourceText source, TextSpan span, string text, string reason) => Make(InvalidNumberDescriptor, source, span, text, reason);

    public static Diagnostic InvalidInterpolation(SourceText source, TextSpan span, string reason) => Make(InvalidInterpolationDescriptor, source, span, reason);

    public static Diagnostic UnterminatedComment(SourceText source, TextSpan span) => Make(UnterminatedCommentDescriptor, source, span);

    public static Diagnostic MisplacedDocComment(SourceText source, TextSpan span) => Make(MisplacedDocCommentDescriptor, source, span);

    public static Diagnostic InputTooLarge(SourceText source, TextSpan span, int length, int limit) => Make(InputTooLargeDescriptor, source, span, length, limit);

    public static Diagnostic NestingTooDeep(SourceText source, TextSpan span, int limit) => Make(NestingTooDeepDescriptor, source, span, limit);

    public static Diagnostic BinarySource(SourceText source, TextSpan span) => Make(BinarySourceDescriptor, source, span);
}
