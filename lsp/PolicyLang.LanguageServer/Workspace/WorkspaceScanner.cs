// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// Finds the .policy files of a workspace folder, recursively, leaving out build output, dependencies and hidden
/// folders (bin, obj, node_modules, .git, …) the way <c>policylang check</c> does.
/// </summary>
public static class WorkspaceScanner
{
    public const string Extension = ".policy";

    /// <summary>At most this many files are read from one folder (a guard against opening a whole disk).</summary>
    public const int MaxFiles = 5000;

    public static IEnumerable<string> Find(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        return Directory.EnumerateFiles(folder, "*" + Extension, options)
            .Where(f => !IsExcluded(Path.GetRelativePath(folder, f)))
            .Take(MaxFiles)
            .Order(StringComparer.Ordinal);
    }

    public static bool IsExcluded(string relativePath) =>
        relativePath.Split(Path.DirectorySeparatorChar).SkipLast(1).Any(part => part is "node_modules" or "bin" or "obj" || (part.StartsWith('.') && part.Length > 1 && part != ".."));
}
