// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Diagnostics;

public static partial class DiagnosticCatalog
{
    public static readonly DiagnosticDescriptor EmitFailedDescriptor = new("PL0400", DiagnosticLevel.Error, DiagnosticStage.Emit, "Code generation failed", "internal compiler error: the generated code for this declaration did not compile ({0}); please report it");
    public static readonly DiagnosticDescriptor SourceReadFailedDescriptor = new("PL0401", DiagnosticLevel.Error, DiagnosticStage.Emit, "Source not readable", "{0}");

    public static Diagnostic EmitFailed(SourceText source, TextSpan span, string detail) => Make(EmitFailedDescriptor, source, span, detail);

    public static Diagnostic SourceReadFailed(SourceText source, TextSpan span, string problem) => Make(SourceReadFailedDescriptor, source, span, problem);
}
