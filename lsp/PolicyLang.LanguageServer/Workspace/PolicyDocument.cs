// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// One .policy file as the server knows it: an open editor buffer (with the client's version) or a file read from
/// the workspace folders. Immutable: an edit makes a new document. Parsed once, on first use.
/// </summary>
public sealed class PolicyDocument
{
    private static long _lastStamp;
    private readonly Lazy<SyntaxTree> _tree;

    public PolicyDocument(string path, string uri, SourceText text, int? version, bool isOpen)
    {
        Path = path;
        Uri = uri;
        Text = text;
        Version = version;
        IsOpen = isOpen;
        Stamp = Interlocked.Increment(ref _lastStamp);
        _tree = new Lazy<SyntaxTree>(() => PolicyParser.Parse(Text), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The full path (or the URI of a buffer that is not a file): the key of the document.</summary>
    public string Path { get; }

    /// <summary>The URI the client uses for the document.</summary>
    public string Uri { get; }

    public SourceText Text { get; }

    /// <summary>The client's version of an open document; null for a file read from disk.</summary>
    public int? Version { get; }

    public bool IsOpen { get; }

    /// <summary>Unique to this instance (so to this text): compilations are cached by the stamps of their documents.</summary>
    public long Stamp { get; }

    public SyntaxTree Tree => _tree.Value;

    /// <summary>The directory that holds the file (files of one package in one directory form the package).</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path) ?? string.Empty;

    public PolicyDocument WithText(SourceText text, int? version) => new(Path, Uri, text, version, IsOpen);

    public PolicyDocument AsOpen(string uri, SourceText text, int version) => new(Path, uri, text, version, isOpen: true);

    public PolicyDocument AsClosed(SourceText text) => new(Path, Uri, text, null, isOpen: false);
}
