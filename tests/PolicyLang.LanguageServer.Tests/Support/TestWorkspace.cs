// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Utils;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>A temporary workspace folder with .policy files, removed at the end.</summary>
internal sealed class TestWorkspace : IDisposable
{
    public TestWorkspace()
    {
        Root = Path.Combine(Path.GetTempPath(), "policylang-lsp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string RootUri => DocumentUri.FromPath(Root);

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path) ?? Root);
        File.WriteAllText(path, text);
        return DocumentUri.FromPath(path);
    }

    public string UriOf(string relativePath) => DocumentUri.FromPath(Path.Combine(Root, relativePath));

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS: the temp folder is cleaned up later.
        }
    }
}
