// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;

namespace PolicyLang.Cli.Loading;

/// <summary>The compiler's view of the disk.</summary>
internal sealed class PhysicalFileSystem : IFileSystem
{
    public static readonly PhysicalFileSystem Instance = new();

    public bool FileExists(string path) => File.Exists(path);

    public bool DirectoryExists(string path) => Directory.Exists(path);

    public string ReadAllText(string path) => File.ReadAllText(path);

    public IEnumerable<string> EnumerateFiles(string directory, string extension) =>
        Directory.EnumerateFiles(directory, "*" + extension, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive })
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(part => part is "node_modules" or "bin" or "obj" || (part.StartsWith('.') && part.Length > 1 && part != "..")))
            .Order(StringComparer.Ordinal);
}
