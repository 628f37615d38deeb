// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// A document with the compilation it belongs to, as of one snapshot: what a handler needs to answer a request.
/// Binding happens on first use of <see cref="Model"/> or <see cref="Diagnostics"/>, once per compilation.
/// </summary>
public sealed class DocumentAnalysis
{
    public DocumentAnalysis(WorkspaceSnapshot snapshot, PolicyDocument document, Compilation compilation)
    {
        Snapshot = snapshot;
        Document = document;
        Compilation = compilation;
    }

    public WorkspaceSnapshot Snapshot { get; }

    public PolicyDocument Document { get; }

    public Compilation Compilation { get; }

    public SyntaxTree Tree => Document.Tree;

    public SourceText Text => Document.Text;

    public SemanticModel Model => Compilation.GetSemanticModel();

    /// <summary>The compilation's diagnostics that are about this document.</summary>
    public IEnumerable<Compiler.Diagnostics.Diagnostic> Diagnostics => Compilation.GetDiagnostics().Where(d => ReferenceEquals(d.Source, Document.Text));
}
