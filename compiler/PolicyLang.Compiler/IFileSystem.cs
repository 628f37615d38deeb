// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler;

/// <summary>How the compiler reads files: the disk for the CLI, open editor buffers for the language server, memory for tests.</summary>
public interface IFileSystem
{
    bool FileExists(string path);

    bool DirectoryExists(string path);

    string ReadAllText(string path);

    /// <summary>Files under a directory (recursively) whose names end with the extension, in a stable order.</summary>
    IEnumerable<string> EnumerateFiles(string directory, string extension);
}
