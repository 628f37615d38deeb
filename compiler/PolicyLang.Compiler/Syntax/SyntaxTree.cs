// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Syntax;

/// <summary>The immutable product of parsing one file: its root, tokens, comments and syntax diagnostics.</summary>
public sealed record SyntaxTree(
    SourceText Source,
    CompilationUnitSyntax Root,
    IReadOnlyList<SyntaxToken> Tokens,
    IReadOnlyList<SyntaxToken> Comments,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>The package the file declares (or the default package derived from its file name).</summary>
    public string PackageName => Root.Package?.Name.Text ?? DefaultPackageName(Source.Path);

    public static string DefaultPackageName(string path)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_').ToArray();
        var result = new string(chars);
        return result.Length == 0 || char.IsAsciiDigit(result[0]) ? "_" + result : result;
    }
}

/// <summary>How a token is classified for highlighting and baselines.</summary>
public enum SyntaxTokenKind
{
    Keyword,
    Identifier,
    String,
    Number,
    Operator,
    Punctuation,
    Comment,
    DocComment,
    Error,
}

/// <summary>One token: classification, span and text.</summary>
public readonly record struct SyntaxToken(SyntaxTokenKind Kind, TextSpan Span, string Text);
